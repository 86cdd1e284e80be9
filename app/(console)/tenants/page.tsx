// Tenants: customer organisations; platform administrators create them.
import type { Metadata } from "next";
import { accessPolicies } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";
import { PageHeader } from "@/components/console/page-header";
import { CreateTenantButton } from "@/components/tenants/create-tenant-dialog";
import { TenantsTable } from "@/components/tenants/tenants-table";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Tenants" };

export default async function TenantsPage() {
  const role = await requirePageAccess("GET /v1/tenants");
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Tenants"
        summary="Customer organisations — companies and school districts."
        actions={role !== null && roleMayCall(role, accessPolicies["POST /v1/tenants"]) ? <CreateTenantButton /> : null}
      />
      <TenantsTable />
    </section>
  );
}
