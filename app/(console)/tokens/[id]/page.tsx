// One token: details, scopes, who created and revoked it, and its actions (data loaded in the browser).
import type { Metadata } from "next";
import { TokenView } from "@/components/tokens/token-view";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Token" };

export default async function TokenPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageAccess("GET /v1/tokens/:id");
  const { id } = await params;
  return <TokenView id={id} />;
}
