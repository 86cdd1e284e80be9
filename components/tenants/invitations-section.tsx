"use client";
// A tenant's invitations: invite someone (the link is shown once, to copy), and revoke pending ones.
import { useState } from "react";
import type { InvitationDto } from "@/contracts/tenant-api";
import { roleLabels } from "@/contracts/permissions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type Column } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { useMayCall } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { formatDate } from "@/lib/format";
import { seg } from "@/lib/with-query";
import { InviteDialog } from "./invite-dialog";
import { tenantKeys, useInvitations } from "./tenant-queries";

export function InvitationsSection({ tenantId }: { tenantId: string }) {
  const invitations = useInvitations(tenantId);
  const canWrite = useMayCall("POST /v1/tenants/:id/invitations");
  const [inviting, setInviting] = useState(false);
  const [revoking, setRevoking] = useState<InvitationDto | null>(null);
  const revoke = useApiAction({
    run: (inv: InvitationDto) => apiFetch(`/api/tenants/${seg(tenantId)}/invitations/${seg(inv.id)}`, { method: "DELETE" }),
    success: "Invitation revoked. Its link no longer works.",
    failure: "The invitation was not revoked.",
    invalidate: [tenantKeys.invitations(tenantId)],
    onSuccess: () => setRevoking(null),
  });

  const columns: Column<InvitationDto>[] = [
    { key: "email", header: "E-mail", cell: (i) => <span className="break-all">{i.email}</span> },
    { key: "role", header: "Role", cell: (i) => roleLabels[i.role] },
    { key: "status", header: "Status", cell: (i) => <StatusBadge status={i.status} /> },
    { key: "expires", header: "Expires", cell: (i) => formatDate(i.expiresAt) },
  ];
  if (canWrite) {
    columns.push({
      key: "actions",
      header: "Actions",
      cell: (i) =>
        i.status === "pending" ? (
          <Button type="button" variant="secondary" size="sm" onClick={() => setRevoking(i)} aria-label={`Revoke the invitation for ${i.email}`}>
            Revoke
          </Button>
        ) : null,
    });
  }

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Invitations</h2>
        {canWrite ? (
          <Button type="button" onClick={() => setInviting(true)}>
            Invite someone
          </Button>
        ) : null}
      </div>
      <DataTable
        caption="Invitations"
        columns={columns}
        rows={invitations.data}
        rowKey={(i) => i.id}
        query={invitations}
        empty={{ title: "No invitations", body: canWrite ? "Invite people with a single-use link." : undefined }}
      />
      <InviteDialog tenantId={tenantId} open={inviting} onClose={() => setInviting(false)} />
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        pending={revoke.isPending}
        title="Revoke this invitation?"
        description={`The link sent to ${revoking?.email ?? "this person"} stops working at once.`}
        confirmLabel="Revoke invitation"
      />
    </div>
  );
}
