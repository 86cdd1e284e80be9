"use client";
// The licenses table: search, filters by status / tier / tenant, sortable columns, cursor pages, all kept in
// the address; its CSV export takes the same selection.
import Link from "next/link";
import { licenseHolderKindLabels, licenseSortFields, licenseStatuses, licenseStatusLabels, type LicenseRow, type LicenseSortField } from "@/contracts/license-api";
import { DataTable, type Column, type SortState } from "@/components/ui/data-table";
import { Pagination, useTablePages } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { ExportLink, FilterSelect, SearchBox, TableToolbar } from "@/components/ui/table-toolbar";
import { useUrlParam, useUrlSort } from "@/components/ui/url-state";
import { useTiers } from "@/components/catalogue/catalogue-queries";
import { useTenantList } from "@/components/tenants/tenant-queries";
import { useViewer } from "@/components/viewer";
import { formatDate } from "@/lib/format";
import { withQuery } from "@/lib/with-query";
import { useLicenseList } from "./license-queries";

/** The licenses table's columns; a tenant's page shows the same ones but its own tenant's. */
export const licenseColumns: Column<LicenseRow>[] = [
  {
    key: "id",
    header: "License",
    cell: (l) => (
      <Link href={`/licenses/${l.id}`} className="font-mono text-indigo-800 underline">
        {l.id}
      </Link>
    ),
  },
  { key: "tenant", header: "Tenant", sortField: "tenant", cell: (l) => l.tenant.name },
  { key: "component", header: "Application", cell: (l) => l.component.name },
  {
    key: "holder",
    header: "Holder",
    cell: (l) => (
      <>
        {l.holder.name} <span className="text-slate-600">({licenseHolderKindLabels[l.holder.kind].toLowerCase()})</span>
      </>
    ),
  },
  { key: "tier", header: "Tier", cell: (l) => l.tier.name },
  { key: "status", header: "Status", sortField: "status", cell: (l) => <StatusBadge status={l.status} label={licenseStatusLabels[l.status]} /> },
  { key: "seats", header: "Seats", cell: (l) => l.seats.toLocaleString("en-US"), className: "text-right tabular-nums" },
  { key: "endsAt", header: "Ends", sortField: "endsAt", cell: (l) => <time dateTime={l.endsAt}>{formatDate(l.endsAt)}</time> },
  { key: "createdAt", header: "Created", sortField: "createdAt", cell: (l) => <time dateTime={l.createdAt}>{formatDate(l.createdAt)}</time> },
];

const statusOptions = licenseStatuses.map((s) => ({ value: s, label: licenseStatusLabels[s] }));

export function LicensesTable() {
  const { role } = useViewer();
  const isPlatform = role === "platform_admin";
  const [search, setSearch] = useUrlParam("q");
  const [status, setStatus] = useUrlParam("status");
  const [tierId, setTierId] = useUrlParam("tier");
  const [tenantId, setTenantId] = useUrlParam("tenant");
  const [sort, setSort] = useUrlSort<SortState>({ field: "createdAt", order: "desc" }, undefined, licenseSortFields);
  const pages = useTablePages();

  const tiers = useTiers();
  const tenants = useTenantList({ limit: 100 }, isPlatform);
  const selection = {
    search: search || undefined,
    status: (licenseStatuses as readonly string[]).includes(status) ? (status as LicenseRow["status"]) : undefined,
    tierId: tierId || undefined,
    tenantId: tenantId || undefined,
    sort: sort.field as LicenseSortField,
    order: sort.order,
  };
  const list = useLicenseList({ ...selection, limit: pages.limit, cursor: pages.cursor });
  const changing = pages.resetting;
  const total = list.data ? `${list.data.totalIsEstimate ? "about " : ""}${list.data.total.toLocaleString("en-US")} licenses` : undefined;

  return (
    <div>
      <TableToolbar>
        <SearchBox label="Search licenses" placeholder="License id, tenant, application or holder" value={search} onChange={changing(setSearch)} />
        <FilterSelect label="Status" value={status} onChange={changing(setStatus)} options={statusOptions} />
        <FilterSelect label="Tier" value={tierId} onChange={changing(setTierId)} options={(tiers.data ?? []).map((t) => ({ value: t.id, label: t.name }))} />
        {isPlatform ? (
          <FilterSelect
            label="Tenant"
            value={tenantId}
            onChange={changing(setTenantId)}
            options={(tenants.data?.tenants ?? []).map((t) => ({ value: t.id, label: t.name }))}
          />
        ) : null}
        <ExportLink href={withQuery("/api/licenses/export", selection)} what="the licenses shown, every page" />
      </TableToolbar>
      <DataTable
        caption="Licenses"
        columns={licenseColumns}
        rows={list.data?.licenses}
        rowKey={(l) => l.id}
        sort={sort}
        onSortChange={changing(setSort)}
        query={list}
        empty={{ title: "No licenses found", body: search || status || tierId || tenantId ? "Try another search or clear the filters." : "Licenses you create appear here." }}
      />
      {list.data?.licenses.length ? <Pagination label="Licenses" pages={pages} nextCursor={list.data.nextCursor} summary={total} /> : null}
    </div>
  );
}
