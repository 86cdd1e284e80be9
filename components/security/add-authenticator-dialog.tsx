"use client";
// Adding an authenticator app: name it, scan the QR code (or type the secret), confirm with the first
// code; the first authenticator ends with the recovery codes, shown once.
import { useState } from "react";
import type { z } from "zod";
import type { confirmTotpResponse, enrolTotpResponse } from "@/contracts/mfa-api";
import { DialogForm } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { apiFetch } from "@/lib/client/api-fetch";
import { fieldErrorsOf } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";
import { RecoveryCodesList } from "./recovery-codes-list";

type Enrolment = z.infer<typeof enrolTotpResponse>;

export function AddAuthenticatorDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const close = () => {
    setEnrolment(null);
    setCodes(null);
    setError(null);
    onClose();
  };
  const run = async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setPending(false);
    }
  };
  const errors = fieldErrorsOf(error);
  const message = error && !Object.keys(errors).length && error instanceof Error ? error.message : null;

  return (
    <Modal open={open} onClose={close} busy={pending} size="lg" title={codes ? "Authenticator added" : "Add an authenticator app"}>
      {codes ? (
        <RecoveryCodesList codes={codes} onSaved={close} />
      ) : enrolment ? (
        <DialogForm
          pending={pending}
          onCancel={close}
          submitLabel="Confirm"
          pendingLabel="Checking…"
          onSubmit={async (data) => {
            const done = await run(() => apiFetch<z.infer<typeof confirmTotpResponse>>(`/api/me/second-factors/${seg(enrolment.id)}/confirm`, { method: "POST", body: { code: String(data.get("code") ?? "") } }));
            if (!done) return;
            onAdded();
            if (done.recoveryCodes) setCodes(done.recoveryCodes);
            else close();
          }}
        >
          <ol className="list-decimal space-y-3 pl-5 text-sm text-slate-800">
            <li>
              Scan this QR code with your authenticator app.
              {/* eslint-disable-next-line @next/next/no-img-element -- a data URL drawn by the access service; nothing to optimise */}
              <img src={enrolment.qrDataUrl} alt="QR code to add Tessera to your authenticator app" width={192} height={192} className="mt-2 h-48 w-48 border border-slate-200" data-testid="totp-qr" />
            </li>
            <li>
              Or type this key into the app:{" "}
              <code className="break-all rounded bg-slate-100 px-1 font-mono" data-testid="totp-secret">
                {enrolment.secret}
              </code>
            </li>
            <li>Enter the 6-digit code the app now shows.</li>
          </ol>
          <div className="mt-4">
            <Field name="code" label="Code from your authenticator app" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required data-autofocus errors={errors.code ?? (message ? [message] : undefined)} />
          </div>
        </DialogForm>
      ) : (
        <DialogForm
          pending={pending}
          onCancel={close}
          submitLabel="Continue"
          pendingLabel="Starting…"
          onSubmit={async (data) => {
            const started = await run(() => apiFetch<Enrolment>("/api/me/second-factors/totp", { method: "POST", body: { label: String(data.get("label") ?? "") } }));
            if (started) setEnrolment(started);
          }}
        >
          <Field name="label" label="Name" defaultValue="Authenticator app" maxLength={60} required data-autofocus hint="So you can tell your authenticators apart, e.g. “Work phone”." errors={errors.label ?? (message ? [message] : undefined)} />
        </DialogForm>
      )}
    </Modal>
  );
}
