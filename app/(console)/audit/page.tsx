// Audit log: every event the person may see (a tenant's people their tenant's only, the access service
// decides), as sentences with names, filtered and searched, exported, and the chain's proof of integrity.
import type { Metadata } from "next";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { ChainStatusPanel } from "@/components/audit/chain-status-panel";
import { PageHeader } from "@/components/console/page-header";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  await requirePageAccess("GET /v1/audit/events");
  return (
    <section aria-labelledby="page-title">
      <PageHeader title="Audit log" summary="Every change, who made it, when and from where, in a hash-chained log anyone can check." />
      <ChainStatusPanel />
      <AuditLogTable />
    </section>
  );
}
