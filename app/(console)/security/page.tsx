// Security: placeholder until the area is built.
import type { Metadata } from "next";
import { AreaPlaceholder } from "@/components/console/area-placeholder";
import { getArea } from "@/components/console/areas";

export const metadata: Metadata = { title: "Security" };

export default function SecurityPage() {
  return <AreaPlaceholder area={getArea("/security")} />;
}
