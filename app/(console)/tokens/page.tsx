// Tokens: they belong to licenses, so this page explains where to find and manage them.
import type { Metadata } from "next";
import Link from "next/link";
import { accessPolicies } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";
import { PageHeader } from "@/components/console/page-header";
import { getArea } from "@/components/console/areas";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Tokens" };

export default async function TokensPage() {
  const current = await requireUser();
  const canSeeLicenses = current.status === "signed-in" && roleMayCall(current.user.role, accessPolicies["GET /v1/licenses"]);
  const canManage = current.status === "signed-in" && roleMayCall(current.user.role, accessPolicies["POST /v1/licenses/:id/tokens"]);
  return (
    <section aria-labelledby="page-title">
      <PageHeader title="Tokens" summary={getArea("/tokens").summary} />
      <Panel title="Where tokens live">
        <div className="mt-3 space-y-3 text-sm text-slate-800">
          <p>
            Every token belongs to one license and carries some of that license&apos;s scopes. Each license&apos;s page lists its tokens with their
            scopes, expiry, last use and status.
          </p>
          {canManage ? (
            <p>There you can create a token (its secret is shown once), rotate it with a grace period, revoke one, or revoke them all.</p>
          ) : null}
          {canSeeLicenses ? (
            <p>
              <Link href="/licenses" className="font-medium text-indigo-800 underline">
                Open the licenses table
              </Link>{" "}
              and choose a license to see its tokens.
            </p>
          ) : (
            <p>Your role does not include seeing licenses, so there are no tokens to show you.</p>
          )}
        </div>
      </Panel>
    </section>
  );
}
