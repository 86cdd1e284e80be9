// Incidents: the ones the person may see, with each district's breach-notice clock (data loaded in the browser).
import type { Metadata } from "next";
import { IncidentsList } from "@/components/incidents/incidents-list";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  await requirePageAccess("GET /v1/incidents");
  return <IncidentsList />;
}
