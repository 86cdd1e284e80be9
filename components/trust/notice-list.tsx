"use client";
// Notices of material change (C.R.S. 22-16-108(2)): each with its effective date; a district's administrators
// acknowledge for the district (confirmed first); platform administrators see every district, those who
// have not acknowledged first.
import { useState } from "react";
import type { NoticeDto } from "@/contracts/trust-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { useMayCall, useViewer } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { formatDate, formatDateTime } from "@/lib/format";
import { seg } from "@/lib/with-query";
import { trustKeys, useNotices } from "./trust-queries";

export const kindLabels = { privacy_policy: "Privacy policy", subprocessors: "Subprocessors", commitments: "Commitments", security_contact: "Security contact" } as const;

export function NoticeList() {
  const notices = useNotices();
  const viewer = useViewer();
  const mayAcknowledge = useMayCall("POST /v1/trust/notices/:id/acknowledge") && viewer.role !== "platform_admin";
  const [confirming, setConfirming] = useState<NoticeDto | null>(null);
  const acknowledge = useApiAction({
    run: (notice: NoticeDto) => apiFetch(`/api/trust/notices/${seg(notice.document.id)}/acknowledge`, { method: "POST" }),
    success: "Acknowledgement recorded for your district.",
    failure: "The acknowledgement was not recorded.",
    invalidate: [trustKeys.notices],
    onSuccess: () => setConfirming(null),
  });
  if (notices.isPending) return <LoadingState label="Loading notices…" />;
  if (notices.isError) return <ErrorState error={notices.error} onRetry={() => void notices.refetch()} what="load the notices" />;
  if (notices.data.notices.length === 0) {
    return <EmptyState title="No notices of change">When a material change to the privacy policy or the subprocessors is published, its notice and effective date appear here, at least {notices.data.noticeDays} days ahead.</EmptyState>;
  }
  const platform = viewer.role === "platform_admin";
  return (
    <>
      <ul className="space-y-4">
        {notices.data.notices.map((n) => {
          const own = platform ? undefined : n.acknowledgements[0];
          const missing = n.acknowledgements.filter((a) => a.acknowledgedAt === null).length;
          return (
            <li key={n.document.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="font-semibold">
                  {kindLabels[n.document.kind]}, version {n.document.version}
                </h3>
                <StatusBadge status={n.pending ? "pending" : "active"} label={n.pending ? "Announced" : "In effect"} />
              </div>
              <p>{n.document.summary}</p>
              <p className="text-sm text-slate-700">
                Announced {formatDate(n.document.publishedAt)}; takes effect <time dateTime={n.document.effectiveAt}>{formatDate(n.document.effectiveAt)}</time>.
              </p>
              {own ? (
                own.acknowledgedAt ? (
                  <p className="text-sm">
                    Acknowledged for {own.tenantName} by {own.acknowledgedBy} on {formatDateTime(own.acknowledgedAt)}.
                  </p>
                ) : (
                  <div className="flex flex-wrap items-center gap-3">
                    <p className="text-sm">{own.tenantName} has not acknowledged this notice yet.</p>
                    {mayAcknowledge ? (
                      <Button type="button" size="sm" onClick={() => setConfirming(n)}>
                        Acknowledge
                      </Button>
                    ) : null}
                  </div>
                )
              ) : null}
              {platform ? (
                <>
                  <p className="text-sm">{n.acknowledgements.length === 0 ? "There are no districts to notify." : `${missing} of ${n.acknowledgements.length} districts have not acknowledged.`}</p>
                  {n.acknowledgements.length > 0 ? (
                    <DataTable
                      caption={`Acknowledgements of ${kindLabels[n.document.kind].toLowerCase()} version ${n.document.version}`}
                      rows={n.acknowledgements}
                      rowKey={(a) => a.tenantId}
                      empty={{ title: "No districts" }}
                      columns={[
                        { key: "district", header: "District", cell: (a) => a.tenantName },
                        { key: "status", header: "Acknowledged", cell: (a) => (a.acknowledgedAt ? formatDateTime(a.acknowledgedAt) : <StatusBadge status="expired" label="Not yet" />) },
                        { key: "by", header: "By", cell: (a) => a.acknowledgedBy ?? "—" },
                      ]}
                    />
                  ) : null}
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        onConfirm={() => confirming && acknowledge.mutate(confirming)}
        pending={acknowledge.isPending}
        tone="neutral"
        title="Acknowledge this notice for your district?"
        description={confirming ? `You record, for your district, that it was told of version ${confirming.document.version} of the ${kindLabels[confirming.document.kind].toLowerCase()}, taking effect on ${formatDate(confirming.document.effectiveAt)}. This cannot be undone.` : ""}
        confirmLabel="Acknowledge"
      />
    </>
  );
}
