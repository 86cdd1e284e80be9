// Invitation link: checks it, then offers the form that creates the invitee's account.
import type { Metadata } from "next";
import { roleLabels } from "@/contracts/permissions";
import { LinkProblemPage } from "@/components/auth/link-problem-page";
import { AuthCard } from "@/components/ui/auth-card";
import { formatDateTime } from "@/lib/format";
import { getInvitationLinkState } from "@/lib/server/invitations";
import { AcceptForm } from "./accept-form";

export const metadata: Metadata = { title: "Accept invitation" };

const unusable = {
  used: { title: "This invitation has already been used", body: "An account was already created with this link, and it cannot be used again. If it is yours, sign in." },
  expired: { title: "This invitation has expired", body: "Invitation links are valid for 7 days. Ask the person who invited you for a new one." },
  revoked: { title: "This invitation was withdrawn", body: "The person who invited you revoked this link. Ask them for a new one if you still need access." },
  invalid: { title: "This invitation link is not valid", body: "Check that you copied the whole link. If it still does not work, ask for a new invitation." },
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await getInvitationLinkState(token);

  if (link.state !== "usable") {
    return <LinkProblemPage state={link.state} pageTitle="Accept invitation" checkAction="check your invitation" explanations={unusable} />;
  }

  return (
    <AuthCard
      title={`Join ${link.tenantName}`}
      intro={
        <p>
          You were invited as <strong>{roleLabels[link.role]}</strong> with the e-mail address <strong className="break-all">{link.email}</strong>. The
          link expires <time dateTime={link.expiresAt}>{formatDateTime(link.expiresAt)}</time>.
        </p>
      }
    >
      <AcceptForm token={token} email={link.email} />
    </AuthCard>
  );
}
