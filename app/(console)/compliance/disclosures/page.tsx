// The record of disclosures (34 CFR 99.32): a district's disclosures and accesses, searchable by student,
// with its chart and exports (data loaded in the browser).
import type { Metadata } from "next";
import { DisclosuresView } from "@/components/disclosures/disclosures-view";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Record of disclosures" };

export default async function DisclosuresPage() {
  const role = await requirePageAccess("GET /v1/disclosures");
  return <DisclosuresView isPlatformAdmin={role === "platform_admin"} />;
}
