"use client";
// Changing one's own password: the current one re-entered, the new one typed twice (the access service
// holds it to the password policy and says why it refuses), then every other session of the person ends.
import { useState } from "react";
import type { ChangePasswordResponse } from "@/contracts/access-api";
import { minPasswordLength } from "@/contracts/password-rules";
import { Button } from "@/components/ui/button";
import { DialogForm } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { Panel } from "@/components/ui/panel";
import { apiFetch, isApiError } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";

type Fields = { currentPassword: string; newPassword: string; confirm: string };
const empty: Fields = { currentPassword: "", newPassword: "", confirm: "" };

export function PasswordSection() {
  const [open, setOpen] = useState(false);
  return (
    <Panel title="Password">
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-700">Changing your password signs you out everywhere else; this browser stays signed in.</p>
        <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
          Change password
        </Button>
      </div>
      <Modal open={open} onClose={() => setOpen(false)} title="Change your password" description="Enter your current password, then the new one twice.">
        {open ? <ChangePasswordForm onDone={() => setOpen(false)} /> : null}
      </Modal>
    </Panel>
  );
}

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const [fields, setFields] = useState<Fields>(empty);
  const [mismatch, setMismatch] = useState(false);
  const change = useApiAction({
    run: () => apiFetch<ChangePasswordResponse>("/api/me/password", { method: "POST", body: { currentPassword: fields.currentPassword, newPassword: fields.newPassword } }),
    success: (r) => `Password changed.${r.otherSessionsEnded ? ` ${r.otherSessionsEnded} other session${r.otherSessionsEnded === 1 ? " was" : "s were"} signed out.` : ""}`,
    failure: "The password was not changed.",
    onSuccess: onDone,
  });
  const set = (name: keyof Fields) => (e: React.ChangeEvent<HTMLInputElement>) => setFields((f) => ({ ...f, [name]: e.target.value }));
  const errors = fieldMessages(change.error);
  return (
    <DialogForm
      onSubmit={() => {
        const differs = fields.newPassword !== fields.confirm;
        setMismatch(differs);
        if (!differs) change.mutate();
      }}
      onCancel={onDone}
      pending={change.isPending}
      submitDisabled={!fields.currentPassword || !fields.newPassword || !fields.confirm}
      submitLabel="Change password"
      pendingLabel="Changing…"
      className="space-y-4"
    >
      <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" value={fields.currentPassword} onChange={set("currentPassword")} errors={errors.currentPassword} data-autofocus required />
      <Field
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minPasswordLength} characters. A few unrelated words make a good passphrase; common and breached passwords are refused.`}
        value={fields.newPassword}
        onChange={set("newPassword")}
        errors={errors.newPassword}
        required
      />
      <Field name="confirm" label="New password again" type="password" autoComplete="new-password" value={fields.confirm} onChange={set("confirm")} errors={mismatch ? ["The two new passwords do not match."] : undefined} required />
    </DialogForm>
  );
}

/** The service's sentences beside the fields they concern (a wrong current password, the policy, throttling). */
function fieldMessages(error: unknown): Partial<Record<keyof Fields, string[]>> {
  if (!isApiError(error)) return {};
  if (error.status === 429) return { currentPassword: [error.message] };
  return { currentPassword: error.fieldErrors?.currentPassword, newPassword: error.fieldErrors?.newPassword };
}
