"use client";
// Edit a service tier: the form first previews "what changes for whom", and only then offers to save.
import { useMemo, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { quotaFields, type TierDto, type TierPreviewResponse, type UpdateTierResponse } from "@/contracts/catalogue-api";
import { Button } from "@/components/ui/button";
import { apiFetch, isApiError } from "@/lib/client/api-fetch";
import { fieldErrorsOf, useApiAction } from "@/lib/client/use-api-action";
import { seg } from "@/lib/with-query";
import { catalogueKeys, useComponents } from "./catalogue-queries";
import { draftFromTier, quotasOf, TierFields, type TierDraft } from "./tier-fields";
import { TierPreview } from "./tier-preview";

/** Only what differs from the saved tier, plus the version it was read at. */
function changesOf(tier: TierDto, draft: TierDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (draft.name !== tier.name) body.name = draft.name;
  if (draft.description !== tier.description) body.description = draft.description;
  const quotas = quotasOf(draft);
  for (const f of quotaFields) if (quotas[f] !== tier[f]) body[f] = quotas[f];
  if ([...draft.scopes].sort().join(" ") !== [...tier.scopes].sort().join(" ")) body.scopes = draft.scopes;
  return body;
}

export function TierEditor({ tier }: { tier: TierDto }) {
  const components = useComponents();
  const [draft, setDraft] = useState(() => draftFromTier(tier));
  const changes = useMemo(() => changesOf(tier, draft), [tier, draft]);
  const body = useMemo(() => ({ ...changes, expectedUpdatedAt: tier.updatedAt }), [changes, tier.updatedAt]);
  const bodyKey = JSON.stringify(body);
  const [previewed, setPreviewed] = useState<{ key: string; result: TierPreviewResponse } | null>(null);

  const preview = useMutation({
    mutationFn: () => apiFetch<TierPreviewResponse>(`/api/tiers/${seg(tier.id)}/preview`, { method: "POST", body }),
    onSuccess: (result) => setPreviewed({ key: bodyKey, result }),
  });
  const save = useApiAction({
    run: () => apiFetch<UpdateTierResponse>(`/api/tiers/${seg(tier.id)}`, { method: "PATCH", body }),
    success: (r) => `Tier ${r.tier.name} saved.`,
    failure: "The tier was not saved.",
    invalidate: [catalogueKeys.tiers],
    onSuccess: () => setPreviewed(null),
  });
  const current = previewed && previewed.key === bodyKey ? previewed.result : null;
  const errors = { ...fieldErrorsOf(preview.error), ...fieldErrorsOf(save.error) };
  const conflict = [preview.error, save.error].some((e) => isApiError(e) && e.reason === "tier-changed");
  const nothingChanged = Object.keys(changes).length === 0;

  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        preview.mutate();
      }}
    >
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <TierFields draft={draft} onChange={setDraft} components={components.data} errors={errors} withKey={false} />
      </div>
      {conflict ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          Someone else changed this tier since you opened it. Reload the page to edit the latest version.
        </p>
      ) : null}
      {preview.error && !conflict && !Object.keys(errors).length ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {isApiError(preview.error) ? preview.error.message : "The preview failed."}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="secondary" disabled={nothingChanged || preview.isPending}>
          {preview.isPending ? "Working out the changes…" : "Preview changes"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setDraft(draftFromTier(tier))} disabled={nothingChanged}>
          Discard changes
        </Button>
      </div>
      {nothingChanged ? <p className="text-sm text-slate-700">Change a field, then preview what the change means before saving.</p> : null}
      {current ? (
        <div className="space-y-4">
          <TierPreview preview={current} />
          <Button type="button" onClick={() => save.mutate()} disabled={save.isPending || current.licenses.blockingCount > 0}>
            {save.isPending ? "Saving…" : "Save changes"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
