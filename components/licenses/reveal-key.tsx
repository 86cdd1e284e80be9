"use client";
// Reveal the license key: asks for the person's password again, shows the key with a copy button,
// and forgets it when hidden (it is never cached by react-query).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogForm } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { Panel } from "@/components/ui/panel";
import { apiFetch, isApiError } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";

export function RevealKey({ licenseId }: { licenseId: string }) {
  const [asking, setAsking] = useState(false);
  const [key, setKey] = useState<string | null>(null);
  return (
    <Panel title="License key">
      {key ? (
        <div className="mt-3 space-y-3">
          <p className="text-sm text-slate-700">Keep it secret: anyone with this key can use the license.</p>
          <code data-testid="license-key" className="block break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm">
            {key}
          </code>
          <div className="flex flex-wrap gap-2">
            <CopyButton value={key} label="Copy key" />
            <Button type="button" variant="secondary" onClick={() => setKey(null)}>
              Hide key
            </Button>
          </div>
        </div>
      ) : (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-700">The key is hidden. Revealing it asks for your password and is recorded in the audit log.</p>
          <Button type="button" variant="secondary" onClick={() => setAsking(true)}>
            Reveal key
          </Button>
        </div>
      )}
      <Modal open={asking} onClose={() => setAsking(false)} title="Reveal license key" description="Enter your password to confirm it is you.">
        <PasswordForm
          licenseId={licenseId}
          onCancel={() => setAsking(false)}
          onRevealed={(k) => {
            setKey(k);
            setAsking(false);
          }}
        />
      </Modal>
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
        autoFocus
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
