// Compliance: placeholder until the area is built.
import type { Metadata } from "next";
import { AreaPlaceholder } from "@/components/console/area-placeholder";
import { getArea } from "@/components/console/areas";

export const metadata: Metadata = { title: "Compliance" };

export default function CompliancePage() {
  return <AreaPlaceholder area={getArea("/compliance")} />;
}
