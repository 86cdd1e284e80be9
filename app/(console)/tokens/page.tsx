// Tokens: every token the person may see across licenses, with the row actions of a license's tokens table;
// for platform administrators also the leaked-token lookup and the secret scanners' keys.
import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { getArea } from "@/components/console/areas";
import { LeakedTokenLookup } from "@/components/tokens/leaked-token-lookup";
import { ScannerKeysPanel } from "@/components/tokens/scanner-keys-panel";
import { TokensArea } from "@/components/tokens/tokens-area";
import { accessPolicies } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Tokens" };

export default async function TokensPage() {
  const role = await requirePageAccess("GET /v1/tokens");
  const handlesLeaks = role !== null && roleMayCall(role, accessPolicies["POST /v1/tokens/lookup"]);
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader title="Tokens" summary={getArea("/tokens").summary} />
      {handlesLeaks ? <LeakedTokenLookup /> : null}
      <section aria-labelledby="all-tokens-title">
        <h2 id="all-tokens-title" className="mb-2 text-lg font-semibold">
          All tokens
        </h2>
        {role ? <TokensArea /> : null}
      </section>
      {handlesLeaks ? <ScannerKeysPanel /> : null}
    </section>
  );
}
