// Security alerts: what the anomaly detector noticed about the person's tenant's credentials (platform
// administrators: everyone's), with the evidence, the baseline it broke and the responses.
import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { AlertsArea } from "@/components/security/alerts/alerts-area";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Security alerts" };

export default async function SecurityAlertsPage() {
  const role = await requirePageAccess("GET /v1/security/alerts");
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader title="Security alerts" summary="Unusual use of sign-ins and credentials: each alert with what was seen, the normal it broke, and what was done." />
      {role ? <AlertsArea /> : null}
    </section>
  );
}
