// One tenant: its details, members and invitations (data loaded in the browser).
import type { Metadata } from "next";
import { TenantView } from "@/components/tenants/tenant-view";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Tenant" };

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageAccess("GET /v1/tenants/:id");
  const { id } = await params;
  return <TenantView id={id} />;
}
