// The page for a single-use link that cannot be used: the access service is unreachable, or the link is
// used up, expired, withdrawn or unknown (each explained in the route's own words, with a way to sign-in).
import Link from "next/link";
import { AuthCard } from "@/components/ui/auth-card";
import { Notice } from "@/components/ui/notice";
import { ServiceUnavailable } from "@/components/ui/service-unavailable";

type LinkProblemPageProps<State extends string> = {
  state: State | "unavailable";
  /** The card's title while the service cannot be reached, e.g. "Accept invitation". */
  pageTitle: string;
  /** Finishes "we cannot … right now", e.g. "check your invitation". */
  checkAction: string;
  explanations: Record<State, { title: string; body: string }>;
};

export function LinkProblemPage<State extends string>({ state, pageTitle, checkAction, explanations }: LinkProblemPageProps<State>) {
  if (state === "unavailable") {
    return (
      <AuthCard title={pageTitle}>
        <ServiceUnavailable action={checkAction} />
      </AuthCard>
    );
  }
  const text = explanations[state as State];
  return (
    <AuthCard title={text.title}>
      <div className="space-y-4">
        <Notice tone="warning">{text.body}</Notice>
        <p className="text-sm">
          <Link href="/sign-in" className="font-semibold text-indigo-800 underline">
            Go to sign-in
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
