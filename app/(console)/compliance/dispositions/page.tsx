// Data disposition: the district's requests to destroy its data, each component's acknowledgement, and the
// certificates of destruction (data loaded in the browser through /api/dispositions).
import type { Metadata } from "next";
import { DispositionsView } from "@/components/compliance/dispositions/dispositions-view";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Data disposition" };

export default async function DispositionsPage() {
  await requirePageAccess("GET /v1/dispositions");
  return <DispositionsView />;
}
