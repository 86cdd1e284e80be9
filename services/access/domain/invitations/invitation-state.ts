// An invitation's status, and why it can or cannot be used, as the web tier shows it.
import type { InvitationStatus } from "../../../../contracts/tenant-api";
import { AppError } from "../../../common/http/app-error";

export type InvitationRow = { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date };

export function invitationStatus(invitation: InvitationRow, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "pending";
}

export function assertInvitationUsable<T extends InvitationRow>(invitation: T | null, now = new Date()): asserts invitation is T {
  if (!invitation) throw new AppError("not-found", "This invitation link is not valid.", { reason: "invitation-invalid" });
  const status = invitationStatus(invitation, now);
  if (status === "accepted") throw new AppError("gone", "This invitation has already been used.", { reason: "invitation-used" });
  if (status === "revoked") throw new AppError("gone", "This invitation was withdrawn.", { reason: "invitation-revoked" });
  if (status === "expired") throw new AppError("gone", "This invitation has expired. Ask for a new one.", { reason: "invitation-expired" });
}
