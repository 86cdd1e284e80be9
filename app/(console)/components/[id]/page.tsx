// One component: its scopes and resource servers (data loaded in the browser).
import type { Metadata } from "next";
import { ComponentView } from "@/components/catalogue/component-view";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Component" };

export default async function ComponentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageAccess("GET /v1/components/:id");
  const { id } = await params;
  return <ComponentView id={id} />;
}
