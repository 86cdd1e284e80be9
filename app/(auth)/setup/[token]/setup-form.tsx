"use client";
// The first-administrator form; field messages come back from the server action.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { createFirstAdminAction, type SetupFormState } from "./actions";

const initialState: SetupFormState = { fieldErrors: {}, message: null, values: {} };

export function SetupForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(createFirstAdminAction.bind(null, token), initialState);
  const fe = state.fieldErrors;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.message ? <Notice tone="error">{state.message}</Notice> : null}
      <Field name="name" label="Your name" autoComplete="name" required maxLength={100} defaultValue={state.values.name} errors={fe.name} />
      <Field name="email" label="E-mail" type="email" autoComplete="email" required defaultValue={state.values.email} errors={fe.email} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        maxLength={1024}
        errors={fe.password}
        hint={
          <>
            <p>Use at least 15 characters. Long passphrases are welcome — several unrelated words work well.</p>
            <p>No special characters or digits are required. Common or breached passwords are refused.</p>
          </>
        }
      />
      <Field name="confirm" label="Confirm password" type="password" autoComplete="new-password" required maxLength={1024} errors={fe.confirm} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating account…" : "Create administrator"}
      </Button>
    </form>
  );
}
