// One service tier: edit with a preview of what changes for whom (data loaded in the browser).
import type { Metadata } from "next";
import { TierView } from "@/components/catalogue/tier-view";
import { requirePagePermission } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Service tier" };

export default async function TierPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission("tiers.read");
  const { id } = await params;
  return <TierView id={id} />;
}
