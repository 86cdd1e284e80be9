"use client";
// The change-tier dialog's preview, answered by the access service with change-tier's own rules: what
// blocks the move (it cannot be confirmed then), or what it changes — the scopes lost at once and gained,
// and the seats lowered to the tier's.
import { tierBreachLabels } from "@/contracts/catalogue-api";
import type { TierChangePreview } from "@/contracts/license-api";
import { BlockingNotice, ScopeChanges } from "@/components/catalogue/change-preview-parts";
import { Notice } from "@/components/ui/notice";
import { describeError } from "@/lib/client/api-fetch";

type PreviewState = { data?: TierChangePreview; error: unknown; isPending: boolean };

/** One breach as a line: the rule, then its numbers ("More live tokens than the tier allows: 3 live tokens of the tier's 2"). */
function breachLine(b: TierChangePreview["breaches"][number], tierName: string, componentKey: string): string {
  if (b.reason === "no-scopes") return `${tierBreachLabels[b.reason]}: ${tierName} grants no ${componentKey} scope.`;
  return `${tierBreachLabels[b.reason]}: ${b.text}.`;
}

export function TierChangePreviewView({ preview, componentKey }: { preview: PreviewState; componentKey: string }) {
  if (preview.isPending) {
    return (
      <p role="status" className="mt-4 text-sm text-slate-700">
        Checking what this change would do…
      </p>
    );
  }
  if (!preview.data) {
    return (
      <div className="mt-4">
        <Notice tone="error" title="This change cannot be checked, so it cannot be made now.">
          {describeError(preview.error)}
        </Notice>
      </div>
    );
  }
  const p = preview.data;
  return (
    <div className="mt-4 space-y-3 text-sm" aria-live="polite" data-testid="tier-change-preview">
      {p.allowed ? null : (
        <BlockingNotice testId="tier-change-blocking" title={`This license cannot move to ${p.tier.name}: it would break the tier's rules.`}>
          <ul className="list-disc pl-5 text-red-900" aria-label="What breaks">
            {p.breaches.map((b) => (
              <li key={b.reason}>{breachLine(b, p.tier.name, componentKey)}</li>
            ))}
          </ul>
          <p className="text-red-900">Free seats or tokens, or choose another tier.</p>
        </BlockingNotice>
      )}
      <ScopeChanges title="Scopes this license loses at once" scopes={p.scopesLost} tone="lost" none="None: it keeps every scope it has." />
      <ScopeChanges title="Scopes it gains" scopes={p.scopesGained} tone="gained" none="None." />
      {p.seats.to < p.seats.from ? (
        <p className="font-medium text-amber-900">
          Seats are lowered from {p.seats.from} to the tier&apos;s {p.seats.to}.
        </p>
      ) : (
        <p>Seats stay at {p.seats.from}.</p>
      )}
      {p.rulesApplyOnReinstate ? <Notice tone="info">This license is suspended: it is held to {p.tier.name}&apos;s rules when it is reinstated, and reinstating it is refused if it does not fit them then.</Notice> : null}
    </div>
  );
}
