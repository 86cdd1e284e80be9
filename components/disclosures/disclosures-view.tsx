"use client";
// The record of disclosures (34 CFR 99.32) of one district: "who saw this student's records" in one
// search, filters by time, component, party and kind, the chart of accesses by component, the lines in
// pages, and CSV / PDF exports of the same selection. Platform admins choose the district first.
import dynamic from "next/dynamic";
import type { DisclosureFilters, DisclosureKind } from "@/contracts/disclosure-api";
import { PageHeader } from "@/components/console/page-header";
import { Button, buttonClasses } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Pagination, useTablePages } from "@/components/ui/pagination";
import { Panel } from "@/components/ui/panel";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { FilterSelect, SearchBox, TableToolbar } from "@/components/ui/table-toolbar";
import { useUrlParam } from "@/components/ui/url-state";
import { useTenantList } from "@/components/tenants/tenant-queries";
import { exportHref, useDisclosureActivity, useDisclosures } from "./disclosure-queries";
import { DisclosureCards } from "./disclosure-cards";
import { columns } from "./disclosure-columns";
import { StudentSearch } from "./student-search";

const AccessChart = dynamic(() => import("./access-chart").then((m) => m.AccessChart), { ssr: false, loading: () => <LoadingState label="Loading the chart…" /> });

const kindOptions = [
  { value: "report", label: "Disclosures reported by components" },
  { value: "access", label: "Accesses through credentials" },
];

/** A date input's day (YYYY-MM-DD) as the instant it starts in UTC; `nextDay` for an inclusive end. */
const dayStart = (day: string, nextDay = false) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00Z`);
  if (nextDay) d.setUTCDate(d.getUTCDate() + 1);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};

export function DisclosuresView({ isPlatformAdmin }: { isPlatformAdmin: boolean }) {
  const pages = useTablePages(25);
  const [tenantId, setTenantId] = useUrlParam("tenant");
  const [fromDay, setFromDay] = useUrlParam("from");
  const [toDay, setToDay] = useUrlParam("to");
  const [component, setComponent] = useUrlParam("component");
  const [party, setParty] = useUrlParam("party");
  const [studentId, setStudentId] = useUrlParam("student");
  const [kind, setKind] = useUrlParam("kind");
  const districts = useTenantList({ kind: "district", limit: 100 }, isPlatformAdmin);
  const ready = !isPlatformAdmin || tenantId !== "";

  const filters: DisclosureFilters = {
    ...(isPlatformAdmin && tenantId ? { tenantId } : {}),
    ...(dayStart(fromDay) ? { from: dayStart(fromDay) } : {}),
    ...(dayStart(toDay, true) ? { to: dayStart(toDay, true) } : {}),
    ...(component ? { component } : {}),
    ...(party ? { party } : {}),
    ...(studentId ? { studentId } : {}),
    ...(kind ? { kind: kind as DisclosureKind } : {}),
  };
  const list = useDisclosures({ ...filters, limit: pages.limit, ...(pages.cursor ? { cursor: pages.cursor } : {}) }, ready);
  const activity = useDisclosureActivity(filters, ready);
  const components = [...new Set(activity.data?.days.map((d) => d.component) ?? [])].sort();
  const tenantName = list.data?.tenant.name;
  const filtered = Object.keys(filters).some((k) => k !== "tenantId");

  return (
    <section aria-labelledby="page-title" className="space-y-6 print:space-y-3">
      <PageHeader
        title="Record of disclosures"
        summary={
          <>
            {tenantName ? <strong>{tenantName}. </strong> : null}
            Every disclosure a component reported and every access through credentials Tessera issued for the district&apos;s data, each kept in the audit chain (FERPA, 34 CFR 99.32).
          </>
        }
        actions={
          ready ? (
            <div className="flex flex-wrap gap-2 print:hidden">
              <a className={buttonClasses("secondary", "sm")} href={exportHref(filters, "csv")} download>
                Export CSV
              </a>
              <a className={buttonClasses("secondary", "sm")} href={exportHref(filters, "pdf")} download>
                Export PDF
              </a>
              <Button type="button" variant="secondary" size="sm" onClick={() => window.print()}>
                Print
              </Button>
            </div>
          ) : null
        }
      />

      {isPlatformAdmin ? (
        <div className="max-w-sm print:hidden">
          <FilterSelect
            label="District"
            value={tenantId}
            onChange={pages.resetting(setTenantId)}
            allLabel={districts.isLoading ? "Loading districts…" : "Choose a district"}
            options={(districts.data?.tenants ?? []).map((t) => ({ value: t.id, label: t.name }))}
          />
        </div>
      ) : null}

      {!ready ? (
        <EmptyState title="Choose a district">A district&apos;s record of disclosures appears here: what components reported, and each access through its credentials.</EmptyState>
      ) : (
        <>
          <StudentSearch value={studentId} onChange={pages.resetting(setStudentId)} />

          <div className="print:hidden">
            <TableToolbar>
              <DateFilter label="From" value={fromDay} onChange={pages.resetting(setFromDay)} />
              <DateFilter label="To (inclusive)" value={toDay} onChange={pages.resetting(setToDay)} />
              <FilterSelect label="Component" value={component} onChange={pages.resetting(setComponent)} options={components.map((c) => ({ value: c, label: c }))} allLabel="All components" />
              <SearchBox label="Party (exact name)" value={party} onChange={pages.resetting(setParty)} />
              <FilterSelect label="Kind" value={kind} onChange={pages.resetting(setKind)} options={kindOptions} allLabel="Both kinds" />
            </TableToolbar>
          </div>

          <Panel title="Accesses to the district's data over time, by component">
            <div className="mt-3">
              {activity.error ? <ErrorState error={activity.error} onRetry={() => void activity.refetch()} what="load the chart" /> : activity.data ? <AccessChart data={activity.data} /> : <LoadingState label="Loading the chart…" />}
            </div>
          </Panel>

          <div>
            <h2 className="mb-2 text-lg font-semibold">{studentId ? `Who saw the records of student ${studentId}` : "Disclosures and accesses"}</h2>
            <div className="hidden sm:block print:block">
              <DataTable
                caption="Record of disclosures"
                columns={columns}
                rows={list.data?.records}
                rowKey={(r) => String(r.seq)}
                query={list}
                empty={emptyText(filtered)}
              />
            </div>
            <div className="sm:hidden print:hidden">
              <DisclosureCards rows={list.data?.records} query={list} empty={emptyText(filtered)} />
            </div>
            <div className="print:hidden">
              <Pagination label="Record of disclosures" pages={pages} nextCursor={list.data?.nextCursor} summary={list.data ? `${list.data.records.length} lines on this page, newest first` : undefined} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function emptyText(filtered: boolean) {
  return filtered
    ? { title: "Nothing matches these filters", body: "No disclosure or access of the district's data matches. Widen the dates or clear a filter." }
    : { title: "No disclosures or accesses yet", body: "When a component reports a disclosure, or reads the district's data through a token, OAuth client or license, it is listed here with the legitimate interest declared for it." };
}

function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = `disclosures-${label.split(" ")[0].toLowerCase()}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} className="rounded-md border border-slate-400 bg-white px-3 py-2 text-base sm:text-sm" />
    </div>
  );
}
