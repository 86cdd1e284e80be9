"use client";
// The Security alerts page's body: the chart of alerts over time by kind (for the tenant filtered to), the
// alerts newest first with search, filters and cursor pages (all kept in the address), and the selected
// alert's evidence, baseline and actions. An empty list says what the detector watches and that it starts
// in shadow mode.
import { useState } from "react";
import { alertKindLabels, alertKinds, alertStates, type AlertKind, type SecurityAlertDto } from "@/contracts/security-alert-api";
import { useTenantList } from "@/components/tenants/tenant-queries";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Pagination, useTablePages } from "@/components/ui/pagination";
import { FilterSelect, SearchBox, TableToolbar } from "@/components/ui/table-toolbar";
import { useUrlParam } from "@/components/ui/url-state";
import { Button } from "@/components/ui/button";
import { LoadingState } from "@/components/ui/states";
import { useMayCall, useViewer } from "@/components/viewer";
import { AlertDetail } from "./alert-detail";
import { useAlert, useAlerts } from "./alert-queries";
import { AlertsChart } from "./alerts-chart";

const kindOptions = alertKinds.map((k) => ({ value: k, label: alertKindLabels[k] }));
const stateOptions = alertStates.map((s) => ({ value: s, label: s.replace("_", " ") }));

export function AlertsArea() {
  const isPlatform = useViewer().role === "platform_admin";
  const canAct = useMayCall("POST /v1/security/alerts/:id/decision");
  const [kind, setKind] = useUrlParam("kind");
  const [state, setState] = useUrlParam("state");
  const [tenantId, setTenantId] = useUrlParam("tenant");
  const [q, setQ] = useUrlParam("q");
  const [selected, setSelected] = useState<string | null>(null);
  const pages = useTablePages(25);
  const changing = pages.resetting;
  const tenants = useTenantList({ limit: 100 }, isPlatform);
  const list = useAlerts({
    kind: (alertKinds as readonly string[]).includes(kind) ? (kind as AlertKind) : undefined,
    state: (alertStates as readonly string[]).includes(state) ? (state as SecurityAlertDto["state"]) : undefined,
    tenantId: tenantId || undefined,
    q: q || undefined,
    limit: pages.limit,
    cursor: pages.cursor,
  });
  const detail = useAlert(selected);
  const columns: Column<SecurityAlertDto>[] = [
    { key: "createdAt", header: "Raised", cell: (a) => new Date(a.createdAt).toISOString().replace("T", " ").slice(0, 19) },
    { key: "kind", header: "Kind", cell: (a) => alertKindLabels[a.kind] },
    { key: "principal", header: "Whose", cell: (a) => <span className="break-all">{a.principalKind} {a.principalId}</span> },
    { key: "state", header: "State", cell: (a) => a.state.replace("_", " ") },
    {
      key: "actions",
      header: "Actions",
      cell: (a) => (
        <Button type="button" size="sm" variant="secondary" onClick={() => setSelected(a.id)} aria-label={`Show alert ${a.id}`}>
          Show
        </Button>
      ),
    },
  ];
  const filtered = Boolean(kind || state || tenantId || q);
  return (
    <div className="space-y-4" data-testid="alerts-area">
      {list.data?.counts.length ? <AlertsChart counts={list.data.counts} /> : null}
      <TableToolbar>
        <SearchBox label="Search alerts" placeholder="Token, license, person or alert id" value={q} onChange={changing(setQ)} />
        <FilterSelect label="Kind" value={kind} onChange={changing(setKind)} options={kindOptions} />
        <FilterSelect label="State" value={state} onChange={changing(setState)} options={stateOptions} />
        {isPlatform ? <FilterSelect label="Tenant" value={tenantId} onChange={changing(setTenantId)} options={(tenants.data?.tenants ?? []).map((t) => ({ value: t.id, label: t.name }))} /> : null}
      </TableToolbar>
      <DataTable
        caption="Alerts"
        columns={columns}
        rows={list.data?.alerts}
        rowKey={(a) => a.id}
        query={list}
        empty={
          filtered
            ? { title: "No alert matches", body: "Change the search or filters." }
            : { title: "No alerts", body: "The detector watches sign-ins and token use and raises an alert when a credential is used where, how or how much it never was. It starts in shadow mode: it records, and acts only when a tenant's setting says so." }
        }
      />
      <Pagination label="Alerts" pages={pages} nextCursor={list.data?.nextCursor} />
      {selected ? (
        <section aria-label="Selected alert" className="rounded-md border border-slate-300 p-4">
          {detail.data ? <AlertDetail alert={detail.data} canAct={canAct} /> : <LoadingState />}
        </section>
      ) : null}
    </div>
  );
}
