// What the single-use-link account forms (first administrator, invitation) show after a submission:
// returned by the server actions, rendered by components/auth/password-account-form.tsx.

/** `values` echoes the non-secret fields so they survive a failed submission. */
export type PasswordAccountState = {
  fieldErrors: Partial<Record<string, string[]>>;
  message: string | null;
  values: { name?: string; email?: string };
};
