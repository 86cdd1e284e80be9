"use client";
// Reveal the license key: asks for the person's password again, then shows the key once in the same
// dialog (with a copy button), and forgets it when the dialog closes (it is never cached by react-query).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DialogForm } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { OnceSecretDialog, type SecretShown } from "@/components/ui/once-secret-dialog";
import { Panel } from "@/components/ui/panel";
import { apiFetch, isApiError } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";

const keyShown: SecretShown = {
  label: "License key",
  testId: "license-key",
  copyLabel: "Copy key",
  warning: { title: "Keep it secret", body: "Anyone with this key can use the license. It is not kept in this page: closing the dialog forgets it." },
  lost: "Closing forgets the key. To see it again you must re-enter your password, and every reveal is recorded in the audit log.",
  announce: "License key revealed.",
};

export function RevealKey({ licenseId }: { licenseId: string }) {
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState<string | null>(null);
  const close = () => {
    setKey(null);
    setOpen(false);
  };
  return (
    <Panel title="License key">
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-700">The key is hidden. Revealing it asks for your password and is recorded in the audit log.</p>
        <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
          Reveal key
        </Button>
      </div>
      <OnceSecretDialog
        open={open}
        onClose={close}
        title={key ? "License key" : "Reveal license key"}
        description="Enter your password to confirm it is you."
        secret={key}
        shown={keyShown}
      >
        <PasswordForm licenseId={licenseId} onCancel={close} onRevealed={setKey} />
      </OnceSecretDialog>
    </Panel>
  );
}

function PasswordForm({ licenseId, onCancel, onRevealed }: { licenseId: string; onCancel: () => void; onRevealed: (key: string) => void }) {
  const [password, setPassword] = useState("");
  const reveal = useApiAction({
    run: () => apiFetch<{ key: string }>(`/api/licenses/${seg(licenseId)}/reveal-key`, { method: "POST", body: { password } }),
    success: "License key revealed.",
    failure: "The key was not revealed.",
    onSuccess: (r) => onRevealed(r.key),
  });
  return (
    <DialogForm onSubmit={() => reveal.mutate()} onCancel={onCancel} pending={reveal.isPending} submitDisabled={!password} submitLabel="Reveal key" pendingLabel="Checking…">
      <Field
        name="password"
        id="reveal-password"
        label="Your password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={passwordMessage(reveal.error)}
        data-autofocus
        required
      />
    </DialogForm>
  );
}

/** What to say next to the password field after a failed attempt: the service's own sentence (a wrong password, throttling). */
function passwordMessage(error: unknown): string[] | undefined {
  if (!isApiError(error)) return undefined;
  if (error.fieldErrors?.password?.length) return error.fieldErrors.password;
  return error.status === 429 ? [error.message] : undefined;
}
