// Licenses: placeholder until the area is built.
import type { Metadata } from "next";
import { AreaPlaceholder } from "@/components/console/area-placeholder";
import { getArea } from "@/components/console/areas";

export const metadata: Metadata = { title: "Licenses" };

export default function LicensesPage() {
  return <AreaPlaceholder area={getArea("/licenses")} />;
}
