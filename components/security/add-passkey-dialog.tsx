"use client";
// Adding a passkey: name it, then the browser asks the authenticator (this device, a phone or a security
// key) to create one for Tessera; the first factor ends with the recovery codes, shown once.
import { useState } from "react";
import type { z } from "zod";
import type { registerPasskeyResponse } from "@/contracts/mfa-api";
import { DialogForm } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { apiFetch } from "@/lib/client/api-fetch";
import { createPasskey } from "@/lib/client/passkeys";
import { fieldErrorsOf } from "@/lib/client/use-api-action";
import { RecoveryCodesList } from "./recovery-codes-list";

export function AddPasskeyDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const close = () => {
    setCodes(null);
    setError(null);
    onClose();
  };
  const errors = fieldErrorsOf(error);
  const message = error && !errors.label?.length && error instanceof Error ? (errors.passkey?.[0] ?? error.message) : null;

  return (
    <Modal open={open} onClose={close} busy={pending} title={codes ? "Passkey added" : "Add a passkey"}>
      {codes ? (
        <RecoveryCodesList codes={codes} onSaved={close} />
      ) : (
        <DialogForm
          pending={pending}
          onCancel={close}
          submitLabel="Create passkey"
          pendingLabel="Waiting for your passkey…"
          onSubmit={async (data) => {
            setPending(true);
            setError(null);
            try {
              const response = await createPasskey("/api/me/second-factors/passkey/options");
              const done = await apiFetch<z.infer<typeof registerPasskeyResponse>>("/api/me/second-factors/passkey", { method: "POST", body: { label: String(data.get("label") ?? ""), response } });
              onAdded();
              if (done.recoveryCodes) setCodes(done.recoveryCodes);
              else close();
            } catch (e) {
              setError(e);
            } finally {
              setPending(false);
            }
          }}
        >
          <Field name="label" label="Name" defaultValue="Passkey" maxLength={60} required data-autofocus hint="So you can tell your passkeys apart, e.g. “This laptop”." errors={errors.label ?? (message ? [message] : undefined)} />
        </DialogForm>
      )}
    </Modal>
  );
}
