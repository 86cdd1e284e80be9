"use client";
// Invite a person by e-mail with a role the viewer may grant; the single-use link is shown once.
import { useState } from "react";
import type { CreateInvitationResponse } from "@/contracts/tenant-api";
import { grantableRoles, roleLabels } from "@/contracts/permissions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogForm, formText } from "@/components/ui/dialog-form";
import { Field, SelectField } from "@/components/ui/field";
import { Modal, ModalActions } from "@/components/ui/modal";
import { Notice } from "@/components/ui/notice";
import { useViewer } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { formatDateTime } from "@/lib/format";
import { seg } from "@/lib/with-query";
import { tenantKeys } from "./tenant-queries";

export function InviteDialog({ tenantId, open, onClose }: { tenantId: string; open: boolean; onClose: () => void }) {
  const [created, setCreated] = useState<CreateInvitationResponse | null>(null);
  const close = () => {
    // The link is forgotten once the dialog closes: it is shown only this once.
    setCreated(null);
    onClose();
  };
  return (
    <Modal open={open} onClose={close} title={created ? "Invitation created" : "Invite someone"}>
      {created ? <InviteLink created={created} onClose={close} /> : <InviteForm tenantId={tenantId} onCancel={close} onCreated={setCreated} />}
    </Modal>
  );
}

function InviteForm({ tenantId, onCancel, onCreated }: { tenantId: string; onCancel: () => void; onCreated: (r: CreateInvitationResponse) => void }) {
  const roles = grantableRoles(useViewer().role);
  const [role, setRole] = useState<string>(roles.includes("tenant_member") ? "tenant_member" : (roles[0] ?? ""));
  const invite = useApiAction({
    run: (body: unknown) => apiFetch<CreateInvitationResponse>(`/api/tenants/${seg(tenantId)}/invitations`, { method: "POST", body }),
    success: (r) => `Invitation for ${r.invitation.email} created.`,
    failure: "The invitation was not created.",
    invalidate: [tenantKeys.invitations(tenantId)],
    onSuccess: onCreated,
  });
  const fe = invite.fieldErrors;
  return (
    <DialogForm
      className="space-y-4"
      onSubmit={(data) => invite.mutate({ email: formText(data, "email"), role })}
      onCancel={onCancel}
      pending={invite.isPending}
      submitDisabled={!role}
      submitLabel="Create invitation"
      pendingLabel="Creating…"
    >
      <Field name="email" id="invite-email" label="E-mail" type="email" autoComplete="off" required errors={fe.email} />
      <SelectField
        name="role"
        id="invite-role"
        label="Role"
        value={role}
        onChange={(e) => setRole(e.target.value)}
        errors={fe.role}
        options={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
        hint="You can grant roles up to your own."
      />
    </DialogForm>
  );
}

function InviteLink({ created, onClose }: { created: CreateInvitationResponse; onClose: () => void }) {
  return (
    <div className="space-y-4">
      <Notice tone="warning" title="Copy this link now">
        It is shown only once. Send it to {created.invitation.email}; it works once and expires {formatDateTime(created.invitation.expiresAt)}.
      </Notice>
      <code data-testid="invite-link" className="block break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm">
        {created.inviteUrl}
      </code>
      <CopyButton value={created.inviteUrl} label="Copy link" />
      <ModalActions>
        <Button type="button" onClick={onClose}>
          Done
        </Button>
      </ModalActions>
    </div>
  );
}
