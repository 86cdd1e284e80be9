// Licenses: the searchable table of every license the person may see, and "New license" for those who may write.
import type { Metadata } from "next";
import { accessPolicies } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";
import { CreateLicenseButton } from "@/components/licenses/create-license-dialog";
import { LicensesTable } from "@/components/licenses/licenses-table";
import { PageHeader } from "@/components/console/page-header";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Licenses" };

export default async function LicensesPage() {
  const role = await requirePageAccess("GET /v1/licenses");
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Licenses"
        summary="Each tenant's access to an application on a tier, with its term and status."
        actions={role !== null && roleMayCall(role, accessPolicies["POST /v1/licenses"]) ? <CreateLicenseButton /> : null}
      />
      <LicensesTable />
    </section>
  );
}
