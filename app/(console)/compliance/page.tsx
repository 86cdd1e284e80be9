// Compliance overview: the district's agreement, licensed components and open incidents; for platform
// admins every district first (data loaded in the browser through the access service).
import type { Metadata } from "next";
import { ComplianceOverview } from "@/components/compliance/compliance-overview";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Compliance" };

export default async function CompliancePage({ searchParams }: { searchParams: Promise<{ district?: string | string[] }> }) {
  await requirePageAccess("GET /v1/compliance/districts");
  const { district } = await searchParams;
  return <ComplianceOverview districtId={typeof district === "string" && district ? district : null} />;
}
