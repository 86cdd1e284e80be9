"use client";
// The license's history from the audit log, newest first.
import type { LicenseTimelineEvent } from "@/contracts/license-api";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Panel } from "@/components/ui/panel";
import { formatDateTime } from "@/lib/format";
import { useLicenseTimeline } from "./license-queries";

const actionLabels: Record<string, string> = {
  "license.create": "Created",
  "license.suspend": "Suspended",
  "license.reinstate": "Reinstated",
  "license.renew": "Renewed",
  "license.change_tier": "Tier changed",
  "license.revoke": "Revoked",
  "license.expire": "Expired",
  "license.key_reveal": "Key revealed",
  "license.import": "Imported",
  "license.import_sync": "Synced with its Django row",
  "license.validate_failure": "Validation failed",
};

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
  const label = actionLabels[e.action] ?? e.action;
  const details = Object.entries(e.data)
    .filter(([, v]) => ["string", "number", "boolean"].includes(typeof v) || Array.isArray(v))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") || "none" : String(v)}`);
  return (
    <li className="border-l-2 border-indigo-300 pl-3 text-sm">
      <p>
        <span className="font-semibold">{label}</span>
        {e.outcome === "failure" ? <span className="ml-2 text-red-800">(failed)</span> : null}
        <span className="text-slate-700"> · {e.actor.label ?? e.actor.id ?? e.actor.type}</span>
      </p>
      <p className="text-slate-600">
        <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
      </p>
      {details.length ? <p className="break-words text-slate-700">{details.join(" · ")}</p> : null}
    </li>
  );
}
