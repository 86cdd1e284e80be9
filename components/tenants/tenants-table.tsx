"use client";
// The tenants table: search by name or slug, filter by kind, cursor pages (sorted by name), kept in
// the address; its CSV export takes the same selection.
import Link from "next/link";
import { tenantKinds, type TenantDto, type TenantKind, type TenantStatus } from "@/contracts/tenant-api";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Pagination, useTablePages } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { ExportLink, FilterSelect, SearchBox, TableToolbar } from "@/components/ui/table-toolbar";
import { useUrlParam } from "@/components/ui/url-state";
import { formatDate } from "@/lib/format";
import { withQuery } from "@/lib/with-query";
import { useTenantList } from "./tenant-queries";

export const kindLabels: Record<TenantKind, string> = { company: "Company", district: "School district" };
export const tenantStatusLabels: Record<TenantStatus, string> = { active: "Active", suspended: "Suspended", closing: "Closing", closed: "Closed" };

const columns: Column<TenantDto>[] = [
  {
    key: "name",
    header: "Name",
    cell: (t) => (
      <Link href={`/tenants/${t.id}`} className="font-medium text-indigo-800 underline">
        {t.name}
      </Link>
    ),
  },
  { key: "slug", header: "Slug", cell: (t) => <code className="font-mono text-xs">{t.slug}</code> },
  { key: "kind", header: "Kind", cell: (t) => kindLabels[t.kind] },
  { key: "status", header: "Status", cell: (t) => <StatusBadge status={t.status} label={tenantStatusLabels[t.status]} /> },
  { key: "state", header: "State", cell: (t) => t.districtState ?? "—" },
  { key: "created", header: "Created", cell: (t) => <time dateTime={t.createdAt}>{formatDate(t.createdAt)}</time> },
];

export function TenantsTable() {
  const [search, setSearch] = useUrlParam("q");
  const [kind, setKind] = useUrlParam("kind");
  const pages = useTablePages();
  const selection = { search: search || undefined, kind: (tenantKinds as readonly string[]).includes(kind) ? (kind as TenantKind) : undefined };
  const list = useTenantList({ ...selection, limit: pages.limit, cursor: pages.cursor });
  const changing = pages.resetting;
  return (
    <div>
      <TableToolbar>
        <SearchBox label="Search tenants" placeholder="Name or slug" value={search} onChange={changing(setSearch)} />
        <FilterSelect label="Kind" value={kind} onChange={changing(setKind)} options={tenantKinds.map((k) => ({ value: k, label: kindLabels[k] }))} />
        <ExportLink href={withQuery("/api/tenants/export", selection)} what="the tenants shown, every page" />
      </TableToolbar>
      <DataTable
        caption="Tenants"
        columns={columns}
        rows={list.data?.tenants}
        rowKey={(t) => t.id}
        query={list}
        empty={{ title: "No tenants found", body: search || kind ? "Try another search or clear the filter." : "Tenants you create appear here." }}
      />
      {list.data?.tenants.length ? <Pagination label="Tenants" pages={pages} nextCursor={list.data.nextCursor} /> : null}
    </div>
  );
}
