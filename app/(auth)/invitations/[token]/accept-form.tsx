"use client";
// The invitee's form: their name and a password; field messages come back from the server action.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { acceptInvitationAction, type AcceptFormState } from "./actions";

const initialState: AcceptFormState = { fieldErrors: {}, message: null, values: {} };

export function AcceptForm({ token, email }: { token: string; email: string }) {
  const [state, formAction, pending] = useActionState(acceptInvitationAction.bind(null, token), initialState);
  const fe = state.fieldErrors;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.message ? <Notice tone="error">{state.message}</Notice> : null}
      {/* Lets password managers store the new password with the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <Field name="name" label="Your name" autoComplete="name" required maxLength={100} defaultValue={state.values.name} errors={fe.name} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        maxLength={1024}
        errors={fe.password}
        hint="Use at least 15 characters. Long passphrases are welcome; no special characters are required. Common or breached passwords are refused."
      />
      <Field name="confirm" label="Confirm password" type="password" autoComplete="new-password" required maxLength={1024} errors={fe.confirm} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating account…" : "Accept invitation"}
      </Button>
    </form>
  );
}
