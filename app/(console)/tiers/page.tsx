// Service tiers: placeholder until the area is built.
import type { Metadata } from "next";
import { AreaPlaceholder } from "@/components/console/area-placeholder";
import { getArea } from "@/components/console/areas";

export const metadata: Metadata = { title: "Service tiers" };

export default function TiersPage() {
  return <AreaPlaceholder area={getArea("/tiers")} />;
}
