// Audit log: placeholder until the area is built.
import type { Metadata } from "next";
import { AreaPlaceholder } from "@/components/console/area-placeholder";
import { getArea } from "@/components/console/areas";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  return <AreaPlaceholder area={getArea("/audit")} />;
}
