// Components: the catalogue of the vendor's services and the scopes each offers.
import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { ComponentsCatalogue } from "@/components/catalogue/components-catalogue";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Components" };

export default async function ComponentsPage() {
  await requirePageAccess("GET /v1/components");
  return (
    <section aria-labelledby="page-title">
      <PageHeader title="Components" summary="The services Tessera licenses, and the scopes each one offers." />
      <ComponentsCatalogue />
    </section>
  );
}
