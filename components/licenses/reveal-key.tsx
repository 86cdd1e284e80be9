"use client";
// Reveal the license key: asks for the person's password again, shows the key with a copy button,
// and forgets it when hidden (it is never cached by react-query).
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Modal, ModalActions } from "@/components/ui/modal";
import { useToast } from "@/components/ui/toast";
import { apiFetch, isApiError } from "@/lib/client/api-fetch";
import { seg } from "@/lib/with-query";
import { CopyButton } from "@/components/ui/copy-button";

export function RevealKey({ licenseId }: { licenseId: string }) {
  const [asking, setAsking] = useState(false);
  const [key, setKey] = useState<string | null>(null);
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">License key</h2>
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
        {asking ? (
          <PasswordForm
            licenseId={licenseId}
            onCancel={() => setAsking(false)}
            onRevealed={(k) => {
              setKey(k);
              setAsking(false);
            }}
          />
        ) : null}
      </Modal>
    </div>
  );
}

function PasswordForm({ licenseId, onCancel, onRevealed }: { licenseId: string; onCancel: () => void; onRevealed: (key: string) => void }) {
  const toast = useToast();
  const [password, setPassword] = useState("");
  const reveal = useMutation({
    mutationFn: () => apiFetch<{ key: string }>(`/api/licenses/${seg(licenseId)}/reveal-key`, { method: "POST", body: { password } }),
    onSuccess: (r) => {
      toast.success("License key revealed.");
      onRevealed(r.key);
    },
    onError: (error) => toast.error("The key was not revealed.", isApiError(error) ? error.message : undefined),
  });
  const error = reveal.error;
  const message = !isApiError(error)
    ? undefined
    : error.reason === "reauth-failed"
      ? "The password is not correct."
      : error.status === 429
        ? "Too many attempts. Wait a moment and try again."
        : error.fieldErrors?.password?.join(" ");
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        reveal.mutate();
      }}
    >
      <Field
        name="password"
        id="reveal-password"
        label="Your password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={message ? [message] : undefined}
        autoFocus
        required
      />
      <ModalActions>
        <Button type="button" variant="secondary" onClick={onCancel} disabled={reveal.isPending}>
          Cancel
        </Button>
        <Button type="submit" disabled={reveal.isPending || !password}>
          {reveal.isPending ? "Checking…" : "Reveal key"}
        </Button>
      </ModalActions>
    </form>
  );
}
