"use client";
// Register an OAuth client: a name, the CN of the component's certificate, scopes chosen among the
// license's, and a token lifetime (whole minutes, at least one, at most the tier's maximum).
import { useState } from "react";
import { DialogForm, formText } from "@/components/ui/dialog-form";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { oauthClientMinTtlSeconds } from "@/contracts/oauth-api";
import { useApiAction } from "@/lib/client/use-api-action";
import { useWholeNumberField } from "@/lib/client/use-whole-number-field";
import type { OAuthClientLimits } from "@/lib/views/oauth-client-view";
import { describeLifetime } from "./lifetime";
import { ScopeChecklist } from "@/components/tokens/scope-checklist";
import { PurposeField } from "@/components/disclosures/purpose-field";
import { oauthClientKeys, registerOAuthClient } from "./oauth-client-queries";

type Props = { licenseId: string; limits: OAuthClientLimits; open: boolean; onClose: () => void };

export function RegisterOAuthClientDialog({ licenseId, limits, open, onClose }: Props) {
  return (
    <Modal open={open} onClose={onClose} title="Register OAuth client" description="An internal component that gets its own tokens for this license with its certificate." size="lg">
      <RegisterForm licenseId={licenseId} limits={limits} onDone={onClose} />
    </Modal>
  );
}

function RegisterForm({ licenseId, limits, onDone }: { licenseId: string; limits: OAuthClientLimits; onDone: () => void }) {
  const minMinutes = oauthClientMinTtlSeconds / 60;
  const maxMinutes = Math.floor(limits.maxTtlSeconds / 60);
  const [scopes, setScopes] = useState<string[]>([]);
  const minutes = useWholeNumberField(Math.floor(limits.defaultTtlSeconds / 60), { min: minMinutes, max: maxMinutes, unit: "minutes" });
  const register = useApiAction({
    run: (body: { name: string; certIdentity: string; scopes: string[]; tokenTtlSeconds: number; purpose?: string }) => registerOAuthClient(licenseId, body),
    success: (c) => `OAuth client ${c.name} registered.`,
    failure: "The OAuth client was not registered.",
    invalidate: [oauthClientKeys.all],
    onSuccess: onDone,
  });
  const fe = register.fieldErrors;

  return (
    <DialogForm
      className="space-y-4"
      onSubmit={(data) => {
        const value = minutes.check();
        if (value === null) return;
        const purpose = formText(data, "purpose").trim();
        register.mutate({ name: formText(data, "name").trim(), certIdentity: formText(data, "certIdentity").trim(), scopes, tokenTtlSeconds: value * 60, ...(purpose ? { purpose } : {}) });
      }}
      onCancel={onDone}
      pending={register.isPending}
      submitDisabled={scopes.length === 0}
      submitLabel="Register client"
      pendingLabel="Registering…"
    >
      <Field name="name" id="oauth-client-name" label="Name" autoComplete="off" required maxLength={100} errors={fe.name} hint="What the component is, e.g. “Reports worker”." data-autofocus />
      <Field
        name="certIdentity"
        id="oauth-client-cert-identity"
        label="Certificate identity"
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={63}
        errors={fe.certIdentity}
        hint="The common name (CN) of the component's certificate from your internal CA: lowercase letters, digits and dashes."
      />
      <PurposeField id="oauth-client-purpose" required={limits.purposeRequired} errors={fe.purpose} />
      <ScopeChecklist scopes={limits.scopes} selected={scopes} onChange={setScopes} errors={fe.scopes} hint="The most its tokens may carry, among this license's scopes. Choose at least one." />
      <Field
        name="tokenTtlMinutes"
        id="oauth-client-ttl"
        label="Token lifetime (minutes)"
        type="number"
        inputMode="numeric"
        min={minMinutes}
        max={maxMinutes}
        step={1}
        value={minutes.text}
        onChange={(e) => minutes.setText(e.target.value)}
        errors={minutes.errors ?? fe.tokenTtlSeconds}
        hint={`How long each token it gets lasts. The tier's default is ${describeLifetime(limits.defaultTtlSeconds)}; at most ${describeLifetime(limits.maxTtlSeconds)}.`}
        required
      />
    </DialogForm>
  );
}
