// One service tier: edit with a preview of what changes for whom (data loaded in the browser).
import type { Metadata } from "next";
import { TierView } from "@/components/catalogue/tier-view";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Service tier" };

export default async function TierPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageAccess("GET /v1/tiers/:id");
  const { id } = await params;
  return <TierView id={id} />;
}
