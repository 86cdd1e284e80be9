"use server";
// Server action behind the invitation form: validates, creates the invitee's account, then sends them to sign-in.
import { acceptInvitationRequest } from "@/contracts/tenant-api";
import { acceptInvitation, invitationGoneFrom } from "@/lib/server/invitations";
import { submitPasswordAccount, withNewPassword } from "@/lib/server/password-account";
import type { PasswordAccountState } from "@/lib/views/password-account-state";

const acceptForm = withNewPassword(acceptInvitationRequest);

export async function acceptInvitationAction(token: string, _prev: PasswordAccountState, formData: FormData): Promise<PasswordAccountState> {
  return submitPasswordAccount(
    {
      schema: acceptForm,
      create: ({ name, password }) => acceptInvitation(token, { name, password }),
      isLinkGone: (error) => invitationGoneFrom(error) !== undefined,
      linkPath: `/invitations/${encodeURIComponent(token)}`,
      donePath: "/sign-in?invitation=accepted",
      failureMessage: "We could not create your account right now. Try again in a moment.",
      logMessage: "invitation accept failed",
    },
    formData,
  );
}
