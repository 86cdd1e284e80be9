// One incident: what happened, and each district it concerns with its clock and notice.
import type { Metadata } from "next";
import { IncidentView } from "@/components/incidents/incident-view";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageAccess("GET /v1/incidents/:id");
  const { id } = await params;
  return <IncidentView id={id} />;
}
