// Tenants: customer organisations; platform administrators create them.
import type { Metadata } from "next";
import { can } from "@/contracts/permissions";
import { PageHeader } from "@/components/console/page-header";
import { CreateTenantButton } from "@/components/tenants/create-tenant-dialog";
import { TenantsTable } from "@/components/tenants/tenants-table";
import { requirePagePermission } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Tenants" };

export default async function TenantsPage() {
  const role = await requirePagePermission("tenants.read");
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Tenants"
        summary="Customer organisations — companies and school districts."
        actions={role !== null && can(role, "tenants.write") ? <CreateTenantButton /> : null}
      />
      <TenantsTable />
    </section>
  );
}
