"use client";
// One district's compliance overview: its agreement, the components it licenses (each linked to what of
// its data that component holds, on the trust page's inventory), and the open incidents that concern it
// with their notification clocks. Every fact comes from the access service; see README "## Compliance".
import Link from "next/link";
import type { LicensedComponentDto } from "@/contracts/compliance-api";
import type { DistrictOverviewResponse } from "@/contracts/incident-api";
import { PageHeader } from "@/components/console/page-header";
import { ClockBadge, ClockSentence } from "@/components/incidents/notice-clock";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/states";
import { useMayCall } from "@/components/viewer";
import { formatDateTime } from "@/lib/format";
import { AgreementDetails } from "./agreement-details";

const licenseWords = (c: LicensedComponentDto) =>
  (["active", "suspended", "expired", "revoked"] as const)
    .filter((s) => c.licenses[s] > 0)
    .map((s) => `${c.licenses[s]} ${s}`)
    .join(", ");

const componentColumns: Column<LicensedComponentDto>[] = [
  { key: "name", header: "Component", cell: (c) => c.name },
  { key: "licenses", header: "Licenses", cell: licenseWords },
  {
    key: "data",
    header: "What of the district's data it holds",
    cell: (c) => (
      <div className="space-y-1">
        {c.inventory ? (
          <ul className="list-disc pl-4">
            {c.inventory.elements.map((e) => (
              <li key={e.element}>
                {e.element} <span className="text-slate-700">({e.category}; kept: {e.retention})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">It has not declared the data it holds yet.</p>
        )}
        <a href={`/trust#data-${encodeURIComponent(c.key)}`} className="text-indigo-800 underline">
          Data inventory of {c.name}
        </a>
      </div>
    ),
  },
];

export function DistrictOverview({ overview, back }: { overview: DistrictOverviewResponse; back?: React.ReactNode }) {
  const { district, agreement, components, openIncidents } = overview;
  const canEdit = useMayCall("PUT /v1/tenants/:id/agreement");
  const now = Date.now();
  const today = new Date(now).toISOString().slice(0, 10);
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <PageHeader
        back={back}
        title={`Compliance: ${district.name}`}
        summary={`${district.state ? `A school district in ${district.state}. ` : ""}Its agreement, what of its data each licensed component holds, and the incidents that concern it.`}
        actions={
          <button type="button" onClick={() => window.print()} className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold print:hidden">
            Print
          </button>
        }
      />
      <Panel title="Student-data agreement">
        {agreement.kind || agreement.reference ? (
          <AgreementDetails agreement={agreement} today={today} />
        ) : (
          <div className="mt-3">
            <EmptyState title="No agreement recorded yet">
              When the district&apos;s agreement is recorded, its kind (NDPA or the state&apos;s terms), dates, the Exhibit E offer it adopted and its breach-notice period appear here.
            </EmptyState>
          </div>
        )}
        {canEdit ? (
          <p className="mt-3 text-sm print:hidden">
            <Link href={`/tenants/${district.id}`} className="text-indigo-800 underline">
              Edit the agreement on the tenant&apos;s page
            </Link>
          </p>
        ) : null}
      </Panel>
      <Panel title="Licensed components and the data they hold">
        <p className="mt-1 text-sm text-slate-700">Each component the district holds a license for. What of the district&apos;s data it holds, why and for how long is in the data inventory on the public trust page.</p>
        <div className="mt-3">
          <DataTable
            caption={`Components ${district.name} licenses`}
            columns={componentColumns}
            rows={components}
            rowKey={(c) => c.id}
            empty={{ title: "No licensed components", body: "Each component the district licenses appears here, linked to what of its data it holds." }}
          />
        </div>
      </Panel>
      <Panel title="Open incidents">
        {openIncidents.length ? (
          <ul className="mt-3 divide-y divide-slate-200">
            {openIncidents.map((incident) => {
              const mine = incident.districts.find((d) => d.tenantId === district.id);
              return (
                <li key={incident.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:justify-between">
                  <div className="min-w-0">
                    <Link href={`/compliance/incidents/${incident.id}`} className="font-semibold text-indigo-800 underline">
                      {incident.title}
                    </Link>
                    <p className="text-sm text-slate-700">
                      Discovered <time dateTime={incident.discoveredAt}>{formatDateTime(incident.discoveredAt)}</time>
                    </p>
                    {mine ? <p className="text-sm"><ClockSentence clock={mine.clock} now={now} /></p> : null}
                  </div>
                  {mine ? <ClockBadge clock={mine.clock} /> : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <div className="mt-3">
            <EmptyState title="No open incidents concern this district">
              If an incident concerns the district, it appears here with its notification clock, and its notice once delivered.
            </EmptyState>
          </div>
        )}
      </Panel>
    </section>
  );
}
