"use client";
// "New tier": key, name, quotas and the scopes it allows.
import { useState } from "react";
import { defaultHeartbeatWindowMinutes, type TierDto } from "@/contracts/catalogue-api";
import { DialogForm } from "@/components/ui/dialog-form";
import { ModalButton } from "@/components/ui/modal-button";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { catalogueKeys, useComponents } from "./catalogue-queries";
import { draftFromTier, quotasOf, TierFields } from "./tier-fields";

export function CreateTierButton() {
  return (
    <ModalButton label="New tier" title="New service tier" size="lg">
      {(close) => <CreateTierForm onDone={close} />}
    </ModalButton>
  );
}

function CreateTierForm({ onDone }: { onDone: () => void }) {
  const components = useComponents();
  const [draft, setDraft] = useState(() => ({ ...draftFromTier(), seats: "10", tokensPerLicense: "10", requestsPerMinute: "600", tokenDefaultTtlHours: "24", tokenMaxTtlHours: "720", heartbeatWindowMinutes: String(defaultHeartbeatWindowMinutes) }));
  const create = useApiAction({
    run: (body: unknown) => apiFetch<{ tier: TierDto }>("/api/tiers", { method: "POST", body }).then((r) => r.tier),
    success: (t) => `Tier ${t.name} created.`,
    failure: "The tier was not created.",
    invalidate: [catalogueKeys.tiers],
    onSuccess: onDone,
  });
  return (
    <DialogForm
      onSubmit={() => create.mutate({ key: draft.key, name: draft.name, description: draft.description, scopes: draft.scopes, ...quotasOf(draft) })}
      onCancel={onDone}
      pending={create.isPending}
      submitLabel="Create tier"
      pendingLabel="Creating…"
    >
      <TierFields draft={draft} onChange={setDraft} components={components.data} errors={create.fieldErrors} withKey />
    </DialogForm>
  );
}
