// Sign-in page: e-mail and password via next-auth credentials; explains first-run setup when needed.
import type { Metadata } from "next";
import { AuthCard } from "@/components/ui/auth-card";
import { Notice } from "@/components/ui/notice";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { getNeedsSetup } from "@/lib/server/setup";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : undefined);
  const needsSetup = await getNeedsSetup();
  const callbackUrl = safeCallbackPath(one("callbackUrl"));

  return (
    <AuthCard title="Sign in to Tessera">
      <div className="space-y-4">
        {one("setup") === "done" ? (
          <Notice tone="success" title="Administrator account created">
            Sign in with the e-mail address and password you just chose.
          </Notice>
        ) : null}
        {one("invitation") === "accepted" ? (
          <Notice tone="success" title="Your account is ready">
            Sign in with your e-mail address and the password you just chose.
          </Notice>
        ) : null}
        {one("ended") === "1" ? <Notice tone="info">Your session has ended. Sign in again to continue.</Notice> : null}
        {one("signed-out") === "1" ? <Notice tone="info">You have signed out.</Notice> : null}
        {needsSetup === true ? (
          <Notice tone="info" title="Tessera is not set up yet">
            The first administrator must be created with the one-time setup link that the access service printed when it first
            started. Open that link to create the account, then sign in here.
          </Notice>
        ) : null}
        {needsSetup === null ? (
          <Notice tone="warning" title="Tessera is temporarily unavailable">
            We could not reach the access service, so signing in may fail. Try again in a moment.
          </Notice>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} initialError={signInErrorMessage(one("error"))} />
      </div>
    </AuthCard>
  );
}
