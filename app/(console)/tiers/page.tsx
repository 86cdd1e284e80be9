// Service tiers: the plans licenses are on; platform administrators create and edit them.
import type { Metadata } from "next";
import { accessPolicies } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";
import { PageHeader } from "@/components/console/page-header";
import { CreateTierButton } from "@/components/catalogue/create-tier-dialog";
import { TiersTable } from "@/components/catalogue/tiers-table";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Service tiers" };

export default async function TiersPage() {
  const role = await requirePageAccess("GET /v1/tiers");
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Service tiers"
        summary="Plans that decide which components, scopes and quotas a license may grant."
        actions={role !== null && roleMayCall(role, accessPolicies["POST /v1/tiers"]) ? <CreateTierButton /> : null}
      />
      <TiersTable />
    </section>
  );
}
