"use client";
// Removing an authenticator: re-enter the password, or prove a current code. Removing the last one also
// removes the recovery codes, and sign-in asks for the password alone again — said before it is done.
import { useState } from "react";
import { DialogForm } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { apiFetch } from "@/lib/client/api-fetch";
import { fieldErrorsOf } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";

export function RemoveAuthenticatorDialog({ factor, last, onClose, onRemoved }: { factor: { id: string; label: string } | null; last: boolean; onClose: () => void; onRemoved: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const errors = fieldErrorsOf(error);
  const message = error instanceof Error && !errors.password ? error.message : null;
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Modal
      open={factor !== null}
      onClose={close}
      busy={pending}
      title={`Remove “${factor?.label ?? ""}”`}
      description={last ? "This is your only authenticator: your recovery codes are removed too, and signing in will ask for your password alone." : "Your other authenticators keep working."}
    >
      <DialogForm
        pending={pending}
        onCancel={close}
        submitLabel="Remove"
        pendingLabel="Removing…"
        submitVariant="danger"
        onSubmit={async (data) => {
          if (!factor) return;
          setPending(true);
          setError(null);
          try {
            await apiFetch(`/api/me/second-factors/${seg(factor.id)}/remove`, { method: "POST", body: { password: String(data.get("password") ?? "") } });
            onRemoved();
            close();
          } catch (e) {
            setError(e);
          } finally {
            setPending(false);
          }
        }}
      >
        <Field name="password" type="password" label="Your password" autoComplete="current-password" required data-autofocus errors={errors.password ?? (message ? [message] : undefined)} />
      </DialogForm>
    </Modal>
  );
}
