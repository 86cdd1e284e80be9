"use client";
// Create a token: a name, scopes chosen among the license's, and a lifetime up to the tier's maximum;
// then the secret, shown once.
import { useState } from "react";
import type { CreateTokenResponse, ListTokensResponse } from "@/contracts/token-api";
import { DialogForm, formText } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { OnceSecretDialog } from "@/components/ui/once-secret-dialog";
import { useApiAction } from "@/lib/client/use-api-action";
import { useWholeNumberField } from "@/lib/client/use-whole-number-field";
import { PurposeField } from "@/components/disclosures/purpose-field";
import { ScopeChecklist } from "./scope-checklist";
import { createToken, tokenKeys } from "./token-queries";
import { tokenSecretShown } from "./token-secret-shown";

type Limits = ListTokensResponse["limits"];

export function CreateTokenDialog({ licenseId, limits, open, onClose }: { licenseId: string; limits: Limits; open: boolean; onClose: () => void }) {
  const [secret, setSecret] = useState<string | null>(null);
  const close = () => {
    // The secret is forgotten once the dialog closes: it is shown only this once.
    setSecret(null);
    onClose();
  };
  return (
    <OnceSecretDialog open={open} onClose={close} title={secret ? "Token created" : "New token"} size="lg" secret={secret} shown={tokenSecretShown("Token created.")}>
      <CreateTokenForm licenseId={licenseId} limits={limits} onCancel={close} onCreated={(r) => setSecret(r.secret)} />
    </OnceSecretDialog>
  );
}

function CreateTokenForm({ licenseId, limits, onCancel, onCreated }: { licenseId: string; limits: Limits; onCancel: () => void; onCreated: (r: CreateTokenResponse) => void }) {
  const [scopes, setScopes] = useState<string[]>([]);
  const hours = useWholeNumberField(limits.defaultTtlHours, { min: 1, max: limits.maxTtlHours, unit: "hours" });
  const create = useApiAction({
    run: (body: { name: string; scopes: string[]; expiresInHours: number; purpose?: string }) => createToken(licenseId, body),
    success: (r) => `Token ${r.token.name} created.`,
    failure: "The token was not created.",
    invalidate: [tokenKeys.all],
    onSuccess: onCreated,
  });
  const fe = create.fieldErrors;

  return (
    <DialogForm
      className="space-y-4"
      onSubmit={(data) => {
        const expiresInHours = hours.check();
        if (expiresInHours === null) return;
        const purpose = formText(data, "purpose").trim();
        create.mutate({ name: formText(data, "name").trim(), scopes, expiresInHours, ...(purpose ? { purpose } : {}) });
      }}
      onCancel={onCancel}
      pending={create.isPending}
      submitDisabled={scopes.length === 0}
      submitLabel="Create token"
      pendingLabel="Creating…"
    >
      <Field name="name" id="token-name" label="Name" autoComplete="off" required maxLength={100} errors={fe.name} hint="What uses it, e.g. “Nightly export job”." data-autofocus />
      <PurposeField id="token-purpose" required={limits.purposeRequired} errors={fe.purpose} />
      <ScopeChecklist scopes={limits.scopes} selected={scopes} onChange={setScopes} errors={fe.scopes} hint="Only the scopes this license carries. Choose at least one." />
      <Field
        name="expiresInHours"
        id="token-expires"
        label="Expires in (hours)"
        type="number"
        inputMode="numeric"
        min={1}
        max={limits.maxTtlHours}
        step={1}
        value={hours.text}
        onChange={(e) => hours.setText(e.target.value)}
        errors={hours.errors ?? fe.expiresInHours}
        hint={`The tier's default is ${describeHours(limits.defaultTtlHours)}; at most ${describeHours(limits.maxTtlHours)}.`}
        required
      />
    </DialogForm>
  );
}

/** "24 hours (1 day)", "720 hours (30 days)". */
export function describeHours(hours: number): string {
  const days = hours / 24;
  const unit = `${hours.toLocaleString("en-US")} hour${hours === 1 ? "" : "s"}`;
  return hours >= 24 && Number.isInteger(days) ? `${unit} (${days.toLocaleString("en-US")} day${days === 1 ? "" : "s"})` : unit;
}
