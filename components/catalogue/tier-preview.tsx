"use client";
// "What changes for whom": the active licenses that block the edit (it would leave them with no scope, or
// over the seats or live tokens it allows), the tier's own changes, then the licenses that gain or lose scopes.
import Link from "next/link";
import { quotaLabels, tierBreachLabels, type AffectedLicense, type BlockingLicense, type TierPreviewResponse } from "@/contracts/catalogue-api";
import { licenseStatusLabels } from "@/contracts/license-api";
import { DataTable, type Column } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { BlockingNotice, ScopeChanges } from "./change-preview-parts";

const n = (v: number) => v.toLocaleString("en-US");

const columns: Column<AffectedLicense>[] = [
  {
    key: "id",
    header: "License",
    cell: (l) => (
      <Link href={`/licenses/${l.licenseId}`} className="font-mono text-indigo-800 underline">
        {l.licenseId}
      </Link>
    ),
  },
  { key: "tenant", header: "Tenant", cell: (l) => l.tenantName },
  { key: "component", header: "Application", cell: (l) => <code className="font-mono text-xs">{l.componentKey}</code> },
  { key: "status", header: "Status", cell: (l) => <StatusBadge status={l.status} label={licenseStatusLabels[l.status]} /> },
  { key: "lost", header: "Loses", cell: (l) => l.scopesRemoved.join(", ") || "—" },
  { key: "gained", header: "Gains", cell: (l) => l.scopesAdded.join(", ") || "—" },
];

const licenseLink = (l: { licenseId: string }) => (
  <Link href={`/licenses/${l.licenseId}`} className="font-mono text-indigo-800 underline">
    {l.licenseId}
  </Link>
);

const blockingColumns: Column<BlockingLicense>[] = [
  { key: "id", header: "License", cell: licenseLink },
  { key: "tenant", header: "Tenant", cell: (l) => l.tenantName },
  { key: "component", header: "Application", cell: (l) => <code className="font-mono text-xs">{l.componentKey}</code> },
  { key: "why", header: "Why it blocks", cell: (l) => l.reasons.map((r) => tierBreachLabels[r]).join("; ") },
  { key: "seats", header: "Seats", cell: (l) => n(l.seats) },
  { key: "tokens", header: "Live tokens", cell: (l) => n(l.liveTokens) },
];

/** The active licenses an edit would leave breaking the tier's rules: saving is refused while any remain. */
function BlockingLicenses({ licenses }: { licenses: TierPreviewResponse["licenses"] }) {
  if (licenses.blockingCount === 0) return null;
  return (
    <BlockingNotice
      testId="tier-preview-blocking"
      title={`This edit cannot be saved: ${n(licenses.blockingCount)} active license${licenses.blockingCount === 1 ? "" : "s"} would be left with no scope, or with more seats or live tokens than the tier allows${licenses.blockingCount > licenses.blocking.length ? `; the first ${licenses.blocking.length} are listed` : ""}. Change, move or end them first.`}
    >
      <DataTable caption="Licenses that block this edit" columns={blockingColumns} rows={licenses.blocking} rowKey={(l) => l.licenseId} empty={{ title: "None" }} />
    </BlockingNotice>
  );
}

export function TierPreview({ preview }: { preview: TierPreviewResponse }) {
  const { changes, licenses } = preview;
  return (
    <section aria-labelledby="tier-preview-title" className="space-y-4 rounded-lg border-2 border-indigo-300 bg-indigo-50/40 p-4" data-testid="tier-preview">
      <h2 id="tier-preview-title" className="text-lg font-semibold">
        What changes for whom
      </h2>
      <BlockingLicenses licenses={licenses} />
      <div className="grid gap-4 text-sm sm:grid-cols-2">
        <ScopeChanges title="Scopes removed from the tier" scopes={changes.scopesRemoved} tone="lost" none="None." />
        <ScopeChanges title="Scopes added to the tier" scopes={changes.scopesAdded} tone="gained" none="None." />
      </div>
      {changes.quotaChanges.length ? (
        <div className="text-sm">
          <p className="font-semibold">Quotas (apply to all {n(licenses.onTier)} licenses on this tier)</p>
          <ul className="mt-1 list-disc pl-5">
            {changes.quotaChanges.map((q) => (
              <li key={q.field}>
                {quotaLabels[q.field]}: {n(q.from)} → {n(q.to)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {changes.fieldsChanged.length ? <p className="text-sm">Also changes: {changes.fieldsChanged.join(", ")}.</p> : null}
      <p className="text-sm font-medium">
        {licenses.affectedCount === 0
          ? `No license gains or loses scopes (${n(licenses.onTier)} on this tier).`
          : `${n(licenses.affectedCount)} of ${n(licenses.onTier)} licenses on this tier gain or lose scopes${licenses.affectedCount > licenses.affected.length ? `; the first ${licenses.affected.length} are listed` : ""}. Lost scopes end at once.`}
      </p>
      {licenses.affected.length ? (
        <DataTable caption="Licenses affected" columns={columns} rows={licenses.affected} rowKey={(l) => l.licenseId} empty={{ title: "None" }} />
      ) : null}
    </section>
  );
}
