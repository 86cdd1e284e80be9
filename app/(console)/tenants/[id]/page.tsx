// One tenant: its details, members and invitations (data loaded in the browser).
import type { Metadata } from "next";
import { TenantView } from "@/components/tenants/tenant-view";
import { requirePagePermission } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Tenant" };

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission("tenants.read");
  const { id } = await params;
  return <TenantView id={id} />;
}
