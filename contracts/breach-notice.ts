// Breach-notice clocks: the one table of state rules (with their citations) and the rule that picks a
// district's deadline. Pure, shared by the access service (which fixes the rules when a district is marked
// on an incident) and the web tier (which shows them). A contract cannot extend a statute, so when both
// an agreement's own period and the state's apply, the earlier deadline governs.
import type { usStates } from "./tenant-api";

type UsState = (typeof usStates)[number];

/** What a period counts from: the discovery of the incident, or its determination as a breach. */
export type NoticeAnchor = "discovery" | "determination";

export type NoticeRule = {
  hours: number;
  from: NoticeAnchor;
  source: "agreement" | "state";
  /** For people: "30 days after the breach is determined (Colorado)". */
  label: string;
  /** The law, where the source is a state. */
  citation: string | null;
};

type StateRule = { hours: number; from: NoticeAnchor; name: string; citation: string };

/**
 * States whose law sets a vendor's notice period to a district. Add a state here, with its citation, and
 * every district of that state gets its clock; a state not listed has no statutory period in Tessera,
 * and its districts' clocks come from their agreements alone.
 */
export const stateNoticeRules: Partial<Record<UsState, StateRule>> = {
  // "not later than thirty days after the date of determination that a security breach occurred"
  CO: { hours: 30 * 24, from: "determination", name: "Colorado", citation: "C.R.S. 6-1-716(2)" },
  // a third-party contractor notifies the educational agency "no more than seven calendar days after the discovery of such breach"
  NY: { hours: 7 * 24, from: "discovery", name: "New York", citation: "8 NYCRR 121.10(a)" },
};

/** "72 hours", "30 days": a week or more of whole days reads as days (as statutes say them), anything shorter as hours (as agreements do). */
export function formatPeriod(hours: number): string {
  if (hours % 24 === 0 && hours >= 7 * 24) return `${hours / 24} days`;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

const anchorWords: Record<NoticeAnchor, string> = {
  discovery: "after the incident is discovered",
  determination: "after it is determined to be a breach",
};

/** Every notice rule that applies to a district: its agreement's own period (counted from the determination, as the NDPA's is) and its state's. */
export function noticeRulesFor(district: { state: string | null; agreementNoticeHours: number | null }): NoticeRule[] {
  const rules: NoticeRule[] = [];
  if (district.agreementNoticeHours !== null) {
    const hours = district.agreementNoticeHours;
    rules.push({ hours, from: "determination", source: "agreement", label: `${formatPeriod(hours)} ${anchorWords.determination} (the agreement)`, citation: null });
  }
  const state = district.state ? stateNoticeRules[district.state as UsState] : undefined;
  if (state) {
    rules.push({ hours: state.hours, from: state.from, source: "state", label: `${formatPeriod(state.hours)} ${anchorWords[state.from]} (${state.name})`, citation: state.citation });
  }
  return rules;
}

export type IncidentTimes = { discoveredAt: Date; determinedAt: Date | null };

export type ClockState = "not-started" | "running" | "overdue" | "met" | "late" | "no-deadline";

export type NoticeClock = {
  state: ClockState;
  /** When notice is due; null before the determination or where no rule applies. */
  deadlineAt: Date | null;
  /** The rule whose deadline falls first. */
  governing: NoticeRule | null;
};

/** The deadline under each rule, and the earliest: null until the incident is determined to be a breach. */
export function noticeDeadline(rules: NoticeRule[], times: IncidentTimes): { deadlineAt: Date; governing: NoticeRule } | null {
  if (!times.determinedAt) return null;
  let best: { deadlineAt: Date; governing: NoticeRule } | null = null;
  for (const rule of rules) {
    const anchor = rule.from === "discovery" ? times.discoveredAt : times.determinedAt;
    const deadlineAt = new Date(anchor.getTime() + rule.hours * 3_600_000);
    if (!best || deadlineAt < best.deadlineAt) best = { deadlineAt, governing: rule };
  }
  return best;
}

/** Where a district's clock stands at `now`, given when its notice was delivered (if it was). */
export function noticeClock(rules: NoticeRule[], times: IncidentTimes, deliveredAt: Date | null, now: Date): NoticeClock {
  if (!times.determinedAt) return { state: "not-started", deadlineAt: null, governing: null };
  const deadline = noticeDeadline(rules, times);
  if (!deadline) return { state: deliveredAt ? "met" : "no-deadline", deadlineAt: null, governing: null };
  const at = deliveredAt ?? now;
  const late = at.getTime() > deadline.deadlineAt.getTime();
  const state: ClockState = deliveredAt ? (late ? "late" : "met") : late ? "overdue" : "running";
  return { state, ...deadline };
}
