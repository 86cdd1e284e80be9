"use client";
// The first-administrator form: name, e-mail and a password.
import { PasswordAccountForm } from "@/components/auth/password-account-form";
import { Field } from "@/components/ui/field";
import { createFirstAdminAction } from "./actions";

export function SetupForm({ token }: { token: string }) {
  return (
    <PasswordAccountForm
      action={createFirstAdminAction.bind(null, token)}
      extraFields={(state) => <Field name="email" label="E-mail" type="email" autoComplete="email" required defaultValue={state.values.email} errors={state.fieldErrors.email} />}
      passwordHint={
        <>
          <p>Use at least 15 characters. Long passphrases are welcome — several unrelated words work well.</p>
          <p>No special characters or digits are required. Common or breached passwords are refused.</p>
        </>
      }
      submitLabel="Create administrator"
    />
  );
}
