"use client";
// The audit log: events as sentences, newest first, with actor, target, tenant, time (the viewer's zone),
// source address and request id; filters (action, tenant for platform admins, time range, actor and
// target from a row), search, pages and the exports of the current selection, all kept in the address.
import type { AuditLogEntry } from "@/contracts/audit-log-api";
import { actionAreas, eventSentences } from "@/contracts/audit-sentences";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Pagination, useTablePages } from "@/components/ui/pagination";
import { FilterSelect, SearchBox, TableToolbar } from "@/components/ui/table-toolbar";
import { useTenantList } from "@/components/tenants/tenant-queries";
import { useViewer } from "@/components/viewer";
import { useUrlParams } from "@/components/ui/url-state";
import { exportHref, noFilters, useAuditLog, type AuditFilters } from "./audit-queries";
import { fromLocalInput, LocalTime, toLocalInput } from "./local-time";

const filterNames = Object.keys(noFilters) as (keyof AuditFilters)[];

const actionOptions = [
  ...actionAreas.map((area) => ({ value: area, label: `Every ${area.slice(0, -1).replace(/_/g, " ")} action` })),
  ...Object.keys(eventSentences).sort().map((a) => ({ value: a, label: a })),
];

type Chip = { key: keyof AuditFilters; label: string };

export function AuditLogTable() {
  const { role } = useViewer();
  const isPlatform = role === "platform_admin";
  const [state, write] = useUrlParams([...filterNames, "actorName", "targetName"] as const);
  const { actorName, targetName, ...filters } = state;
  const labels: Partial<Record<keyof AuditFilters, string>> = { actorId: actorName || undefined, targetId: targetName || undefined };
  const pages = useTablePages(25);
  const list = useAuditLog(filters, pages.limit, pages.cursor);
  const tenants = useTenantList({ limit: 100 }, isPlatform);

  const set = pages.resetting((next: Partial<AuditFilters>) =>
    // A removed actor or target filter takes its shown name with it.
    write({ ...next, ...(next.actorId === "" ? { actorName: "" } : {}), ...(next.targetId === "" ? { targetName: "" } : {}) }),
  );
  const only = (key: "actorId" | "targetId", id: string, label: string) => set({ [key]: id, [key === "actorId" ? "actorName" : "targetName"]: label });
  const chips: Chip[] = [
    filters.actorId ? { key: "actorId", label: `Actor: ${labels.actorId ?? filters.actorId}` } : null,
    filters.targetId ? { key: "targetId", label: `Target: ${labels.targetId ?? filters.targetId}` } : null,
  ].filter((c): c is Chip => c !== null);
  const filtered = Object.values(filters).some(Boolean);

  const columns: Column<AuditLogEntry>[] = [
    {
      key: "event",
      header: "Event",
      className: "min-w-[16rem]",
      cell: (e) => (
        <div>
          <p className="font-medium text-slate-900">{e.sentence}</p>
          <p className="mt-0.5 font-mono text-xs text-slate-600">
            {e.action}
            {e.outcome === "failure" ? <span className="ml-2 rounded bg-red-100 px-1 font-sans font-semibold text-red-900">failed</span> : null}
          </p>
        </div>
      ),
    },
    {
      key: "actor",
      header: "Actor",
      cell: (e) =>
        e.actor.id ? (
          <button type="button" className="text-left text-indigo-800 underline" onClick={() => only("actorId", e.actor.id!, e.actor.name)} aria-label={`Show only events by ${e.actor.name}`}>
            {e.actor.name}
          </button>
        ) : (
          e.actor.name
        ),
    },
    {
      key: "target",
      header: "Target",
      cell: (e) =>
        e.target ? (
          <button type="button" className="text-left text-indigo-800 underline" onClick={() => only("targetId", e.target!.id ?? "", e.target!.name)} aria-label={`Show only events about ${e.target.type.replace(/_/g, " ")} ${e.target.name}`}>
            <span className="text-slate-600">{e.target.type.replace(/_/g, " ")}</span> {e.target.name}
          </button>
        ) : (
          <span className="text-slate-600">—</span>
        ),
    },
    { key: "tenant", header: "Tenant", cell: (e) => e.tenant?.name ?? <span className="text-slate-600">—</span> },
    { key: "time", header: "Time", className: "whitespace-nowrap", cell: (e) => <LocalTime iso={e.occurredAt} /> },
    { key: "source", header: "Source address", cell: (e) => (e.sourceIp ? <span className="font-mono text-xs">{e.sourceIp}</span> : <span className="text-slate-600">unknown</span>) },
    { key: "request", header: "Request id", cell: (e) => (e.requestId ? <span className="break-all font-mono text-xs">{e.requestId}</span> : <span className="text-slate-600">—</span>) },
  ];

  return (
    <div>
      <div className="print:hidden">
        <TableToolbar>
          <SearchBox label="Search events" placeholder="A name, id, address or detail" value={filters.q} onChange={(q) => set({ q })} />
          <FilterSelect label="Action" value={filters.action} onChange={(action) => set({ action })} options={actionOptions} />
          {isPlatform ? (
            <FilterSelect label="Tenant" value={filters.tenantId} onChange={(tenantId) => set({ tenantId })} options={(tenants.data?.tenants ?? []).map((t) => ({ value: t.id, label: t.name }))} />
          ) : null}
          <TimeInput label="From" value={filters.from} onChange={(from) => set({ from })} />
          <TimeInput label="To" value={filters.to} onChange={(to) => set({ to })} />
        </TableToolbar>
        {chips.length ? (
          <ul className="mb-3 flex flex-wrap gap-2" aria-label="Other filters">
            {chips.map((c) => (
              <li key={c.key} className="flex items-center gap-1 rounded-full border border-slate-400 bg-white py-0.5 pl-3 pr-1 text-sm">
                {c.label}
                <button type="button" className="rounded-full px-2 text-slate-800 hover:bg-slate-100" aria-label={`Remove the filter ${c.label}`} onClick={() => set({ [c.key]: "" })}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <ExportLinks filters={filters} />
      </div>
      <DataTable
        caption="Audit events"
        columns={columns}
        rows={list.data?.events}
        rowKey={(e) => e.id}
        query={list}
        empty={{
          title: filtered ? "No events match these filters" : "No events yet",
          body: filtered ? "Try another search, a wider time range, or remove a filter." : "Every change made in Tessera — sign-ins, licenses, tokens, tenants — appears here with who made it, when and from where.",
        }}
      />
      {list.data?.events.length ? (
        <div className="print:hidden">
          <Pagination label="Audit events" pages={pages} nextCursor={list.data.nextBeforeSeq === null ? null : String(list.data.nextBeforeSeq)} summary="newest first" />
        </div>
      ) : null}
    </div>
  );
}

/** A time-range bound in the viewer's zone, reported as an ISO instant when complete. */
function TimeInput({ label, value, onChange }: { label: string; value: string; onChange: (iso: string) => void }) {
  const id = `audit-${label.toLowerCase()}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label} <span className="font-normal text-slate-700">(your time zone)</span>
      </label>
      <input id={id} type="datetime-local" defaultValue={toLocalInput(value)} key={value ? "set" : "empty"} onChange={(e) => onChange(fromLocalInput(e.target.value))} className="rounded-md border border-slate-400 bg-white px-3 py-2 text-base sm:text-sm" />
    </div>
  );
}

function ExportLinks({ filters }: { filters: AuditFilters }) {
  const link = "inline-flex items-center rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-100";
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-700">Export these events:</span>
      <a className={link} href={exportHref("csv", filters)} download>
        CSV
      </a>
      <a className={link} href={exportHref("json", filters)} download>
        JSON
      </a>
      <a className={link} href={exportHref("segment", filters)} download aria-describedby="segment-hint">
        Verifiable segment
      </a>
      <span id="segment-hint" className="text-slate-700">
        (checks offline with the published key)
      </span>
    </div>
  );
}
