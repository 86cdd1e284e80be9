// Tokens: placeholder until the area is built.
import type { Metadata } from "next";
import { AreaPlaceholder } from "@/components/console/area-placeholder";
import { getArea } from "@/components/console/areas";

export const metadata: Metadata = { title: "Tokens" };

export default function TokensPage() {
  return <AreaPlaceholder area={getArea("/tokens")} />;
}
