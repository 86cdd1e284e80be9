// A license's tokens: the table with search and pages, create, rotate and revoke (data loaded in the browser).
import type { Metadata } from "next";
import { LicenseTokensView } from "@/components/tokens/license-tokens-view";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "License tokens" };

export default async function LicenseTokensPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageAccess("GET /v1/licenses/:id/tokens");
  const { id } = await params;
  return <LicenseTokensView licenseId={id} />;
}
