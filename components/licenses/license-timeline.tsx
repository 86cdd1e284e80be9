"use client";
// The license's history from the audit log, newest first: each event as a sentence with names, its time
// in the viewer's zone, the source address, and what it changed.
import type { LicenseTimelineEvent, TimelineValue } from "@/contracts/license-api";
import { LocalTime } from "@/components/audit/local-time";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Panel } from "@/components/ui/panel";
import { useLicenseTimeline } from "./license-queries";

export function LicenseTimeline({ licenseId }: { licenseId: string }) {
  const timeline = useLicenseTimeline(licenseId);
  return (
    <Panel title="Timeline">
      <div className="mt-3">
        {timeline.error ? (
          <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} what="load the timeline" />
        ) : !timeline.data ? (
          <LoadingState label="Loading timeline…" />
        ) : timeline.data.length === 0 ? (
          <EmptyState title="No events yet">Changes to this license appear here once the audit log has recorded them.</EmptyState>
        ) : (
          <ol className="space-y-3" data-testid="license-timeline">
            {timeline.data.map((e) => (
              <TimelineItem key={e.id} event={e} />
            ))}
          </ol>
        )}
      </div>
    </Panel>
  );
}

function TimelineItem({ event: e }: { event: LicenseTimelineEvent }) {
  return (
    <li className="border-l-2 border-indigo-300 pl-3 text-sm">
      <p className={e.outcome === "failure" ? "text-red-900" : undefined}>{e.sentence}.</p>
      <p className="text-slate-600">
        <LocalTime iso={e.occurredAt} />
        {e.sourceIp ? (
          <>
            {" "}from <span className="font-mono text-xs">{e.sourceIp}</span>
          </>
        ) : null}
      </p>
      {e.details.length ? (
        <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-slate-700">
          {e.details.map((d, i) => (
            <div key={`${d.label}-${i}`} className="flex min-w-0 gap-1">
              <dt className="font-medium">{d.label}:</dt>
              <dd className="min-w-0 break-words">
                {d.from ? (
                  <>
                    <Value value={d.from} /> → <Value value={d.to} />
                  </>
                ) : (
                  <Value value={d.to} />
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

function Value({ value }: { value: TimelineValue }) {
  return value.kind === "time" ? <LocalTime iso={value.at} /> : <>{value.text}</>;
}
