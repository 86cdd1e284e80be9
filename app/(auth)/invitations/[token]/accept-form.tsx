"use client";
// The invitee's form: their name and a password for the invited e-mail address.
import { PasswordAccountForm } from "@/components/auth/password-account-form";
import { acceptInvitationAction } from "./actions";

export function AcceptForm({ token, email }: { token: string; email: string }) {
  return (
    <PasswordAccountForm
      action={acceptInvitationAction.bind(null, token)}
      // Lets password managers store the new password with the right account.
      extraFields={() => <input type="hidden" name="username" autoComplete="username" value={email} readOnly />}
      passwordHint="Use at least 15 characters. Long passphrases are welcome; no special characters are required. Common or breached passwords are refused."
      submitLabel="Accept invitation"
    />
  );
}
