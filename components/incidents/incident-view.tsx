"use client";
// /compliance/incidents/[id]: what happened and when, then each district it concerns (a district's people:
// their own) with its clock, the rules that set it, its notice under the usual headings and its delivery.
import { noticeHeadings, deliveryMethodLabels, type IncidentDistrictDto, type IncidentDto } from "@/contracts/incident-api";
import { PageHeader } from "@/components/console/page-header";
import { BackLink, RecordPage } from "@/components/console/record-page";
import { useIncident } from "@/components/compliance/compliance-queries";
import { DetailsList } from "@/components/ui/details-list";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { useMayCall } from "@/components/viewer";
import { formatDateTime } from "@/lib/format";
import { CloseIncidentButton, EditIncidentButton, MarkDistrictButton } from "./incident-dialogs";
import { ClockBadge, ClockSentence } from "./notice-clock";
import { DownloadNoticePdf, EditNoticeButton, RecordDeliveryButton } from "./notice-dialogs";

const back = <BackLink href="/compliance/incidents">All incidents</BackLink>;
const when = (iso: string | null, none: string) => (iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : none);

export function IncidentView({ id }: { id: string }) {
  const incident = useIncident(id);
  const canWrite = useMayCall("POST /v1/incidents/:id/districts");
  return (
    <RecordPage query={incident} noun="incident" back={back} notFound="There is no incident with this id that concerns a district you can see.">
      {(i) => (
        <section aria-labelledby="page-title" className="space-y-6">
          <PageHeader
            back={back}
            title={i.title}
            summary={<StatusBadge status={i.status === "open" ? "pending" : "expired"} label={i.status === "open" ? "Open" : `Closed ${formatDateTime(i.closedAt ?? i.createdAt)}`} />}
            actions={
              <div className="flex flex-wrap gap-2 print:hidden">
                {canWrite ? <EditIncidentButton incident={i} /> : null}
                {canWrite ? <CloseIncidentButton incident={i} /> : null}
                <button type="button" onClick={() => window.print()} className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold">
                  Print
                </button>
              </div>
            }
          />
          <Panel title="What happened">
            <DetailsList
              className="mt-3 text-sm"
              rows={[
                ["What happened", <p key="s" className="whitespace-pre-line">{i.summary}</p>],
                ["Data concerned", <p key="d" className="whitespace-pre-line">{i.dataConcerned}</p>],
                ["Discovered", when(i.discoveredAt, "—")],
                ["Determined to be a breach", when(i.determinedAt, "Not determined yet: no clock runs")],
                ["Opened", when(i.createdAt, "—")],
              ]}
            />
          </Panel>
          <section aria-labelledby="districts-heading" className="space-y-4">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="districts-heading" className="text-lg font-semibold">
                {canWrite ? "Districts concerned" : "Your district"}
              </h2>
              {canWrite && i.status === "open" ? <div className="print:hidden"><MarkDistrictButton incident={i} /></div> : null}
            </div>
            {i.districts.length ? (
              i.districts.map((d) => <DistrictPart key={d.tenantId} incident={i} district={d} canWrite={canWrite} />)
            ) : (
              <EmptyState title="No district marked yet">Mark the districts this incident concerns: each gets its clock, from its agreement or its state, and a drafted notice.</EmptyState>
            )}
          </section>
        </section>
      )}
    </RecordPage>
  );
}

function DistrictPart({ incident, district: d, canWrite }: { incident: IncidentDto; district: IncidentDistrictDto; canWrite: boolean }) {
  const now = Date.now();
  const overdue = d.clock.state === "overdue";
  return (
    <article aria-labelledby={`district-${d.tenantId}`} className={`rounded-lg border bg-white p-4 ${overdue ? "border-red-600 ring-2 ring-red-600" : "border-slate-200"}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`district-${d.tenantId}`} className="text-base font-semibold">
          {d.tenantName}
          {d.state ? <span className="font-normal text-slate-700"> ({d.state})</span> : null}
        </h3>
        <ClockBadge clock={d.clock} />
      </div>
      <p className="mt-2 text-sm">
        <ClockSentence clock={d.clock} now={now} />
      </p>
      <DetailsList
        className="mt-3 text-sm"
        rows={[
          ["Rules applied", d.rules.length ? d.rules.map((r) => `${r.label}${r.citation ? `, ${r.citation}` : ""}`).join("; ") : "None: neither the agreement nor the state sets a period"],
          ["Marked", when(d.markedAt, "—")],
          ["Delivered", d.delivery ? <>{when(d.delivery.deliveredAt, "")} by {deliveryMethodLabels[d.delivery.method].toLowerCase()} to {d.delivery.to}</> : "Not yet"],
        ]}
      />
      {d.notice ? (
        <div className="mt-4 border-t border-slate-200 pt-3">
          <h4 className="font-semibold">{d.delivery ? "The notice delivered" : "Draft notice"}</h4>
          {noticeHeadings.map(([key, heading]) => (
            <div key={key} className="mt-2">
              <h5 className="text-sm font-semibold text-slate-800">{heading}</h5>
              <p className="whitespace-pre-line text-sm">{d.notice![key]}</p>
            </div>
          ))}
        </div>
      ) : (
        <p className="mt-4 text-sm text-slate-700">The notice appears here once it is delivered to the district.</p>
      )}
      <div className="mt-4 flex flex-wrap gap-2 print:hidden">
        {canWrite && !d.delivery ? <EditNoticeButton incident={incident} district={d} /> : null}
        {canWrite && !d.delivery && incident.determinedAt ? <RecordDeliveryButton incident={incident} district={d} /> : null}
        {d.notice ? <DownloadNoticePdf incident={incident} district={d} /> : null}
      </div>
    </article>
  );
}
