"use client";
// /compliance/incidents: incidents newest first, filtered by status, with each district's clock (a
// district's people: their own district only). Overdue notices are counted at the top, in red.
import Link from "next/link";
import type { IncidentDto } from "@/contracts/incident-api";
import { PageHeader } from "@/components/console/page-header";
import { useIncidents } from "@/components/compliance/compliance-queries";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Notice } from "@/components/ui/notice";
import { Pagination, useTablePages } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { FilterSelect, TableToolbar } from "@/components/ui/table-toolbar";
import { useUrlParam } from "@/components/ui/url-state";
import { useMayCall, useViewer } from "@/components/viewer";
import { formatDateTime } from "@/lib/format";
import { OpenIncidentButton } from "./incident-dialogs";
import { ClockBadge } from "./notice-clock";

const statusOptions = [
  { value: "open", label: "Open" },
  { value: "closed", label: "Closed" },
];

const columns: Column<IncidentDto>[] = [
  {
    key: "title",
    header: "Incident",
    cell: (i) => (
      <Link href={`/compliance/incidents/${i.id}`} className="font-medium text-indigo-800 underline">
        {i.title}
      </Link>
    ),
  },
  { key: "status", header: "Status", cell: (i) => <StatusBadge status={i.status === "open" ? "pending" : "expired"} label={i.status === "open" ? "Open" : "Closed"} /> },
  { key: "discovered", header: "Discovered", cell: (i) => <time dateTime={i.discoveredAt}>{formatDateTime(i.discoveredAt)}</time> },
  {
    key: "districts",
    header: "Districts and their notices",
    cell: (i) =>
      i.districts.length ? (
        <ul className="space-y-1">
          {i.districts.map((d) => (
            <li key={d.tenantId} className="flex flex-wrap items-center gap-2">
              <span>{d.tenantName}</span>
              <ClockBadge clock={d.clock} />
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-slate-700">No district marked yet</span>
      ),
  },
];

export function IncidentsList() {
  const { role } = useViewer();
  const canOpen = useMayCall("POST /v1/incidents");
  const [status, setStatus] = useUrlParam("status", "open");
  const pages = useTablePages();
  const list = useIncidents({ status: status === "open" || status === "closed" ? status : undefined, limit: pages.limit, cursor: pages.cursor });
  const overdue = (list.data?.incidents ?? []).flatMap((i) => i.districts.filter((d) => d.clock.state === "overdue").map((d) => `${d.tenantName} (${i.title})`));
  const isPlatform = role === "platform_admin";
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title="Incidents"
        summary={isPlatform ? "Security incidents, the districts each concerns, and each district's breach-notice clock." : "Security incidents that concern your district, with the clock for notifying you and the notice once delivered."}
        actions={canOpen ? <OpenIncidentButton /> : null}
      />
      {overdue.length ? (
        <div className="mb-4">
          <Notice tone="error" title={`${overdue.length} ${overdue.length === 1 ? "notice is" : "notices are"} overdue among the incidents listed`}>
            <ul className="list-disc pl-5">
              {overdue.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </Notice>
        </div>
      ) : null}
      <TableToolbar>
        <FilterSelect label="Status" value={status} onChange={pages.resetting(setStatus)} options={statusOptions} allLabel="All incidents" />
      </TableToolbar>
      <DataTable
        caption="Incidents"
        columns={columns}
        rows={list.data?.incidents}
        rowKey={(i) => i.id}
        query={list}
        empty={{
          title: status === "closed" ? "No closed incidents" : status === "open" ? "No open incidents" : "No incidents",
          body: isPlatform
            ? "Incidents you open appear here with the districts they concern and each district's notification clock."
            : "If an incident concerns your district, it appears here with its notification clock, and its notice once delivered.",
        }}
      />
      {list.data?.incidents.length ? <Pagination label="Incidents" pages={pages} nextCursor={list.data.nextCursor} /> : null}
    </section>
  );
}
