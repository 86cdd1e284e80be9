"use client";
// The "name + new password typed twice" form behind a single-use link (first administrator, invitation);
// field messages come back from the server action, and the non-secret values survive a failed attempt.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { PasswordAccountState } from "@/lib/views/password-account-state";

type PasswordAccountFormProps = {
  action: (prev: PasswordAccountState, formData: FormData) => Promise<PasswordAccountState>;
  /** Fields between the name and the password, given the last state (e.g. the e-mail address). */
  extraFields?: (state: PasswordAccountState) => React.ReactNode;
  passwordHint: React.ReactNode;
  submitLabel: string;
};

const initialState: PasswordAccountState = { fieldErrors: {}, message: null, values: {} };

export function PasswordAccountForm({ action, extraFields, passwordHint, submitLabel }: PasswordAccountFormProps) {
  const [state, formAction, pending] = useActionState(action, initialState);
  const fe = state.fieldErrors;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.message ? <Notice tone="error">{state.message}</Notice> : null}
      <Field name="name" label="Your name" autoComplete="name" required maxLength={100} defaultValue={state.values.name} errors={fe.name} />
      {extraFields?.(state)}
      <Field name="password" label="Password" type="password" autoComplete="new-password" required maxLength={1024} errors={fe.password} hint={passwordHint} />
      <Field name="confirm" label="Confirm password" type="password" autoComplete="new-password" required maxLength={1024} errors={fe.confirm} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating account…" : submitLabel}
      </Button>
    </form>
  );
}
