// Tenants: placeholder until the area is built.
import type { Metadata } from "next";
import { AreaPlaceholder } from "@/components/console/area-placeholder";
import { getArea } from "@/components/console/areas";

export const metadata: Metadata = { title: "Tenants" };

export default function TenantsPage() {
  return <AreaPlaceholder area={getArea("/tenants")} />;
}
