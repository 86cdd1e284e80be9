"use client";
// A tenant's members; those who may write remove people (with confirmation) within the escalation rules,
// and approve the reset of someone's two-factor authentication when they lost every factor.
import { useState } from "react";
import type { MemberDto } from "@/contracts/tenant-api";
import { roleLabels } from "@/contracts/permissions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type Column } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { useMayCall, useViewer } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { formatDate } from "@/lib/format";
import { seg } from "@/lib/with-query";
import { tenantKeys, useMembers } from "./tenant-queries";

export function MembersSection({ tenantId }: { tenantId: string }) {
  const members = useMembers(tenantId);
  const canWrite = useMayCall("DELETE /v1/tenants/:id/members/:userId");
  const viewer = useViewer();
  const [removing, setRemoving] = useState<MemberDto | null>(null);
  const [resetting, setResetting] = useState<MemberDto | null>(null);
  const canReset = useMayCall("POST /v1/users/:userId/second-factors/reset");
  const reset = useApiAction({
    run: (m: MemberDto) => apiFetch<{ factorsRemoved: number }>(`/api/users/${seg(m.id)}/second-factors/reset`, { method: "POST" }),
    success: (r) => (r.factorsRemoved === 0 ? "They had no two-factor authentication to reset." : "Two-factor authentication reset. Their sessions have ended."),
    failure: "Two-factor authentication was not reset.",
    onSuccess: () => setResetting(null),
  });
  const remove = useApiAction({
    run: (m: MemberDto) => apiFetch(`/api/tenants/${seg(tenantId)}/members/${seg(m.id)}`, { method: "DELETE" }),
    success: "Member removed. Their sessions have ended.",
    failure: "The member was not removed.",
    invalidate: [tenantKeys.members(tenantId)],
    onSuccess: () => setRemoving(null),
  });

  const columns: Column<MemberDto>[] = [
    { key: "name", header: "Name", cell: (m) => m.name },
    { key: "email", header: "E-mail", cell: (m) => <span className="break-all">{m.email}</span> },
    { key: "role", header: "Role", cell: (m) => roleLabels[m.role] },
    { key: "status", header: "Status", cell: (m) => (m.disabledAt ? <StatusBadge status="removed" /> : <StatusBadge status="active" />) },
    { key: "since", header: "Member since", cell: (m) => formatDate(m.createdAt) },
  ];
  if (canWrite) {
    columns.push({
      key: "actions",
      header: "Actions",
      cell: (m) =>
        m.disabledAt || m.id === viewer.id ? null : (
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" size="sm" onClick={() => setRemoving(m)} aria-label={`Remove ${m.name}`}>
              Remove
            </Button>
            {canReset ? (
              <Button type="button" variant="secondary" size="sm" onClick={() => setResetting(m)} aria-label={`Reset two-factor authentication of ${m.name}`}>
                Reset two-factor
              </Button>
            ) : null}
          </div>
        ),
    });
  }

  return (
    <div>
      <h2 className="mb-3 text-lg font-semibold">Members</h2>
      <DataTable
        caption="Members"
        columns={columns}
        rows={members.data}
        rowKey={(m) => m.id}
        query={members}
        empty={{ title: "No members yet", body: "Invite people to this tenant below." }}
      />
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing)}
        pending={remove.isPending}
        title={`Remove ${removing?.name ?? "this member"}?`}
        description="They can no longer sign in, and every session they have open ends at once."
        confirmLabel="Remove member"
      />
      <ConfirmDialog
        open={resetting !== null}
        onClose={() => setResetting(null)}
        onConfirm={() => resetting && reset.mutate(resetting)}
        pending={reset.isPending}
        title={`Reset two-factor authentication of ${resetting?.name ?? "this member"}?`}
        description="Only when they lost their authenticator and their recovery codes, and you have confirmed it is them. Their authenticators and recovery codes are removed and their sessions end; they sign in with their password and add a new authenticator. This is recorded in the audit log."
        confirmLabel="Reset two-factor"
      />
    </div>
  );
}
