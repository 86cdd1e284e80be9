// First-run setup: checks the one-time link, then offers the form that creates the first administrator.
import type { Metadata } from "next";
import { LinkProblemPage } from "@/components/auth/link-problem-page";
import { AuthCard } from "@/components/ui/auth-card";
import { getSetupLinkState } from "@/lib/server/setup";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Tessera" };

const unusable = {
  used: {
    title: "This setup link has already been used",
    body: "The first administrator has already been created with this link, and it cannot be used again. If that account is yours, sign in. Otherwise ask your operator for a new setup link.",
  },
  expired: {
    title: "This setup link has expired",
    body: "Setup links are valid for a limited time only. Ask your operator for a new setup link.",
  },
  invalid: {
    title: "This setup link is not valid",
    body: "Check that you copied the whole link. If it still does not work, ask your operator for a new setup link.",
  },
} as const;

export default async function SetupPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await getSetupLinkState(token);

  if (link.state !== "usable") {
    return <LinkProblemPage state={link.state} pageTitle="Set up Tessera" checkAction="check your setup link" explanations={unusable} />;
  }

  return (
    <AuthCard
      title="Create the first administrator"
      intro={
        <p>
          This one-time link creates Tessera&apos;s first platform administrator. It expires{" "}
          <time dateTime={link.expiresAt}>{formatExpiry(link.expiresAt)}</time>.
        </p>
      }
    >
      <SetupForm token={token} />
    </AuthCard>
  );
}

function formatExpiry(iso: string): string {
  const date = new Date(iso);
  return `on ${date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
}
