// One license: details, scopes, actions, key reveal, certificate and timeline (data loaded in the browser).
import type { Metadata } from "next";
import { LicenseView } from "@/components/licenses/license-view";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "License" };

export default async function LicensePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageAccess("GET /v1/licenses/:id");
  const { id } = await params;
  return <LicenseView id={id} />;
}
