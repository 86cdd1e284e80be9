"use client";
// "New tier": key, name, quotas and the scopes it allows.
import { useState } from "react";
import type { TierDto } from "@/contracts/catalogue-api";
import { Button } from "@/components/ui/button";
import { Modal, ModalActions } from "@/components/ui/modal";
import { apiFetch } from "@/lib/client/api-fetch";
import { fieldErrorsOf, useApiAction } from "@/lib/client/use-api-action";
import { catalogueKeys, useComponents } from "./catalogue-queries";
import { draftFromTier, quotasOf, TierFields } from "./tier-fields";

export function CreateTierButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" onClick={() => setOpen(true)}>
        New tier
      </Button>
      <Modal open={open} onClose={() => setOpen(false)} title="New service tier" size="lg">
        {open ? <CreateTierForm onDone={() => setOpen(false)} /> : null}
      </Modal>
    </>
  );
}

function CreateTierForm({ onDone }: { onDone: () => void }) {
  const components = useComponents();
  const [draft, setDraft] = useState(() => ({ ...draftFromTier(), seats: "10", tokensPerLicense: "10", requestsPerMinute: "600", tokenDefaultTtlHours: "24", tokenMaxTtlHours: "720" }));
  const create = useApiAction({
    run: (body: unknown) => apiFetch<{ tier: TierDto }>("/api/tiers", { method: "POST", body }).then((r) => r.tier),
    success: (t) => `Tier ${t.name} created.`,
    failure: "The tier was not created.",
    invalidate: [catalogueKeys.tiers],
    onSuccess: onDone,
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ key: draft.key, name: draft.name, description: draft.description, scopes: draft.scopes, ...quotasOf(draft) });
      }}
    >
      <TierFields draft={draft} onChange={setDraft} components={components.data} errors={fieldErrorsOf(create.error)} withKey />
      <ModalActions>
        <Button type="button" variant="secondary" onClick={onDone} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create tier"}
        </Button>
      </ModalActions>
    </form>
  );
}
