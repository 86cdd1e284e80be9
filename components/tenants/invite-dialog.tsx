"use client";
// Invite a person by e-mail with a role the viewer may grant; the single-use link is shown once.
import { useState } from "react";
import type { CreateInvitationResponse } from "@/contracts/tenant-api";
import { grantableRoles, roleLabels } from "@/contracts/permissions";
import { DialogForm, formText } from "@/components/ui/dialog-form";
import { Field, SelectField } from "@/components/ui/field";
import { OnceSecretDialog, type SecretShown } from "@/components/ui/once-secret-dialog";
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
    <OnceSecretDialog open={open} onClose={close} title={created ? "Invitation created" : "Invite someone"} secret={created?.inviteUrl ?? null} shown={linkShown(created)}>
      <InviteForm tenantId={tenantId} onCancel={close} onCreated={setCreated} />
    </OnceSecretDialog>
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

/** The single-use link is a secret shown once, like a token's: the same dialog guards it. */
function linkShown(created: CreateInvitationResponse | null): SecretShown {
  return {
    label: "Invitation link",
    testId: "invite-link",
    copyLabel: "Copy link",
    warning: {
      title: "Copy this link now",
      body: created ? `It is shown only once. Send it to ${created.invitation.email}; it works once and expires ${formatDateTime(created.invitation.expiresAt)}.` : "",
    },
    lost: "The link is shown only this once and cannot be shown again. Without a copy, you would have to revoke this invitation and create another.",
    announce: "Invitation created.",
  };
}
