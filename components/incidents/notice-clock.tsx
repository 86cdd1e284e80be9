// A district's breach-notice clock as people read it: its state as a badge, and the deadline with the
// rule that sets it. An overdue clock is red and says by how long.
import { formatPeriod } from "@/contracts/breach-notice";
import type { ClockDto, ClockStateName } from "@/contracts/incident-api";
import { formatDateTime } from "@/lib/format";

export const clockLabels: Record<ClockStateName, string> = {
  "not-started": "Clock not started",
  running: "Notice due",
  overdue: "Notice overdue",
  met: "Notified in time",
  late: "Notified late",
  "no-deadline": "No deadline",
};

const tones: Record<ClockStateName, string> = {
  "not-started": "bg-slate-100 text-slate-800 ring-slate-300",
  running: "bg-amber-100 text-amber-950 ring-amber-300",
  overdue: "bg-red-700 text-white ring-red-800",
  met: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  late: "bg-red-100 text-red-900 ring-red-300",
  "no-deadline": "bg-slate-100 text-slate-800 ring-slate-300",
};

export function ClockBadge({ clock }: { clock: ClockDto }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[clock.state]}`}>
      {clock.state === "overdue" ? <span aria-hidden="true" className="mr-1">⚠</span> : null}
      {clockLabels[clock.state]}
    </span>
  );
}

/** "in 2 days 3 hours" / "5 hours ago", from `now`. */
export function relativeTo(iso: string, now: number): string {
  const ms = Date.parse(iso) - now;
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const text = hours >= 48 ? `${Math.floor(hours / 24)} days` : hours >= 1 ? `${hours} hour${hours === 1 ? "" : "s"}` : "less than an hour";
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** The clock in one sentence: what is due when, under which rule. */
export function ClockSentence({ clock, now }: { clock: ClockDto; now: number }) {
  if (clock.state === "not-started") return <span>The clock starts when the incident is determined to be a breach.</span>;
  if (!clock.deadlineAt || !clock.governing) {
    return <span>{clock.state === "met" ? "Notified." : "Neither the agreement nor the state sets a notice period: notify without unreasonable delay."}</span>;
  }
  const due = <time dateTime={clock.deadlineAt}>{formatDateTime(clock.deadlineAt)}</time>;
  const rule = `${formatPeriod(clock.governing.hours)} from the ${clock.governing.from}, ${clock.governing.source === "agreement" ? "under the agreement" : `under ${clock.governing.citation}`}`;
  if (clock.state === "overdue") {
    return (
      <strong className="text-red-800">
        Overdue since {due} ({relativeTo(clock.deadlineAt, now)}); {rule}.
      </strong>
    );
  }
  return (
    <span>
      {clock.state === "running" ? <>Due {due} ({relativeTo(clock.deadlineAt, now)})</> : <>Was due {due}</>}; {rule}.
    </span>
  );
}
