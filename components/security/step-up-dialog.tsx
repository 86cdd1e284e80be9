"use client";
// The step-up dialog: mounted once in the console, it answers every 403 step-up-required (revealing a
// license key, revoking all of a license's tokens, exporting disclosures, new recovery codes) by asking for
// the person's passkey (offered first where enrolled), the current code or a recovery code, then lets
// apiFetch retry the action (lib/client/step-up.ts).
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Modal, ModalActions } from "@/components/ui/modal";
import { apiFetch, isApiError } from "@/lib/client/api-fetch";
import { signWithPasskey } from "@/lib/client/passkeys";
import { registerStepUpHandler } from "@/lib/client/step-up";
import { FactorCodeField, proofOf, type ProofKind } from "./factor-code-field";

export function StepUpDialog() {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<ProofKind>("code");
  const [errors, setErrors] = useState<string[] | undefined>();
  const [busy, setBusy] = useState(false);
  const [hasPasskey, setHasPasskey] = useState(false);
  const settle = useRef<((ok: boolean) => void) | null>(null);

  useEffect(
    () =>
      registerStepUpHandler(
        () =>
          new Promise<boolean>((resolve) => {
            settle.current = resolve;
            setErrors(undefined);
            setKind("code");
            setHasPasskey(false);
            setOpen(true);
            // Whether to offer the passkey first: the person's own factors (their kinds only, never secrets).
            apiFetch<{ factors: { kind: string }[] }>("/api/me/second-factors")
              .then((r) => setHasPasskey(r.factors.some((f) => f.kind === "passkey")))
              .catch(() => setHasPasskey(false));
          }),
      ),
    [],
  );

  const finish = (ok: boolean) => {
    setOpen(false);
    settle.current?.(ok);
    settle.current = null;
  };

  async function onPasskey() {
    setBusy(true);
    setErrors(undefined);
    try {
      const passkey = await signWithPasskey("/api/me/step-up/passkey-options");
      await apiFetch("/api/me/step-up", { method: "POST", body: { passkey } });
      finish(true);
    } catch (error) {
      setErrors([isApiError(error) ? (error.fieldErrors?.passkey?.[0] ?? error.message) : error instanceof Error ? error.message : "Something went wrong. Try again."]);
    } finally {
      setBusy(false);
    }
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setErrors(undefined);
    try {
      await apiFetch("/api/me/step-up", { method: "POST", body: proofOf(kind, event.currentTarget) });
      finish(true);
    } catch (error) {
      const messages = isApiError(error) ? (error.fieldErrors?.[kind] ?? [error.message]) : ["Something went wrong. Try again."];
      setErrors(messages);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} onClose={() => finish(false)} busy={busy} title="Confirm it is you" description="This action asks for your second factor again. Nothing has been done yet.">
      {hasPasskey ? (
        <div className="mb-4 space-y-2">
          <Button type="button" onClick={onPasskey} disabled={busy} className="w-full" data-autofocus>
            {busy ? "Waiting for your passkey…" : "Use your passkey"}
          </Button>
          <p className="text-center text-sm text-slate-600">or enter a code</p>
        </div>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <FactorCodeField kind={kind} onKindChange={(k) => { setKind(k); setErrors(undefined); }} errors={errors} idPrefix="step-up" />
        <ModalActions>
          <Button type="button" variant="secondary" onClick={() => finish(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            {busy ? "Checking…" : "Confirm"}
          </Button>
        </ModalActions>
      </form>
    </Modal>
  );
}
