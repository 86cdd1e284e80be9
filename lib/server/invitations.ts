import "server-only";
// Invitation links for the invitee (no session): check a link, accept it. Minimal DTOs for the page.
import { acceptInvitationResponse, invitationPreviewResponse, type InvitationPreviewResponse } from "@/contracts/tenant-api";
import { accessRequest } from "./access-client";
import { isAccessProblem } from "./access-problem";

export type InvitationGone = "used" | "expired" | "revoked" | "invalid";
export type InvitationLinkState = ({ state: "usable" } & InvitationPreviewResponse) | { state: InvitationGone } | { state: "unavailable" };

export async function getInvitationLinkState(token: string): Promise<InvitationLinkState> {
  if (!isPlausibleToken(token)) return { state: "invalid" };
  try {
    const preview = await accessRequest("GET", `/v1/invitations/${encodeURIComponent(token)}`, { schema: invitationPreviewResponse });
    return { state: "usable", ...preview };
  } catch (error) {
    const gone = invitationGoneFrom(error);
    if (gone) return { state: gone };
    if (isAccessProblem(error)) return { state: "unavailable" };
    throw error;
  }
}

/** Maps a 404/410 invitation problem to the state a page can explain; undefined for anything else. */
export function invitationGoneFrom(error: unknown): InvitationGone | undefined {
  if (!isAccessProblem(error)) return undefined;
  if (error.reason === "invitation-used") return "used";
  if (error.reason === "invitation-expired") return "expired";
  if (error.reason === "invitation-revoked") return "revoked";
  if (error.reason === "invitation-invalid" || error.status === 404) return "invalid";
  if (error.status === 410) return "used";
  return undefined;
}

export async function acceptInvitation(token: string, input: { name: string; password: string }) {
  const { user } = await accessRequest("POST", `/v1/invitations/${encodeURIComponent(token)}/accept`, { body: input, schema: acceptInvitationResponse });
  return { name: user.name, email: user.email };
}

function isPlausibleToken(token: string): boolean {
  return token.length > 0 && token.length <= 200 && /^[A-Za-z0-9_~.-]+$/.test(token);
}
