"use client";
// A tenant's licenses on its page: the five newest (the licenses table's own columns, less the tenant),
// how many there are with a link to all of them in the licenses table, and — since a reinstated tenant's
// blocked licenses stay suspended — how many are suspended, with the link that lists exactly those.
import Link from "next/link";
import type { TenantDto } from "@/contracts/tenant-api";
import { licenseColumns } from "@/components/licenses/licenses-table";
import { useLicenseList } from "@/components/licenses/license-queries";
import { DataTable } from "@/components/ui/data-table";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { withQuery } from "@/lib/with-query";

const shown = 5;
const columns = licenseColumns.filter((c) => c.key !== "tenant").map(({ sortField: _sortField, ...c }) => c);
const n = (v: number) => v.toLocaleString("en-US");

export function TenantLicensesPanel({ tenant }: { tenant: TenantDto }) {
  const newest = useLicenseList({ tenantId: tenant.id, limit: shown });
  const suspended = useLicenseList({ tenantId: tenant.id, status: "suspended", limit: 1 });
  const total = newest.data?.total ?? 0;
  const suspendedCount = suspended.data?.total ?? 0;
  const all = withQuery("/licenses", { tenant: tenant.id });
  return (
    <Panel title="Licenses">
      <div className="mt-3 space-y-3">
        {tenant.status === "active" && suspendedCount > 0 ? (
          <Notice tone="warning" title={`${n(suspendedCount)} license${suspendedCount === 1 ? " is" : "s are"} suspended`}>
            Their tokens are refused. A license its tier&apos;s rules blocked when the tenant was reinstated stays suspended until it is reinstated from its own page.{" "}
            <Link href={withQuery("/licenses", { tenant: tenant.id, status: "suspended" })} className="font-medium underline">
              List the suspended licenses
            </Link>
          </Notice>
        ) : null}
        <DataTable
          caption={`Licenses of ${tenant.name}, newest first`}
          columns={columns}
          rows={newest.data?.licenses}
          rowKey={(l) => l.id}
          query={newest}
          empty={{ title: "No licenses yet", body: "Licenses issued to this tenant appear here." }}
        />
        {total > 0 ? (
          <p className="text-sm text-slate-700">
            {total > shown ? `The ${shown} newest of ${n(total)}${newest.data?.totalIsEstimate ? " (about)" : ""}. ` : null}
            <Link href={all} className="font-medium text-indigo-800 underline">
              {total > shown ? `All ${n(total)} licenses of this tenant` : "Open in the licenses table"}
            </Link>
          </p>
        ) : null}
      </div>
    </Panel>
  );
}
