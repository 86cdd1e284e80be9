// Service tiers: the plans licenses are on; platform administrators create and edit them.
import type { Metadata } from "next";
import { can } from "@/contracts/permissions";
import { PageHeader } from "@/components/console/page-header";
import { CreateTierButton } from "@/components/catalogue/create-tier-dialog";
import { TiersTable } from "@/components/catalogue/tiers-table";
import { requirePagePermission } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Service tiers" };

export default async function TiersPage() {
  const role = await requirePagePermission("tiers.read");
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Service tiers"
        summary="Plans that decide which components, scopes and quotas a license may grant."
        actions={role !== null && can(role, "tiers.write") ? <CreateTierButton /> : null}
      />
      <TiersTable />
    </section>
  );
}
