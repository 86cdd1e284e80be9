// The breach-notice clock: the state table, the agreement's own period, and which deadline governs.
import { describe, expect, it } from "vitest";
import { formatPeriod, noticeClock, noticeDeadline, noticeRulesFor, stateNoticeRules } from "./breach-notice";

const discoveredAt = new Date("2026-11-01T08:00:00Z");
const determinedAt = new Date("2026-11-03T08:00:00Z");
const times = { discoveredAt, determinedAt };
const hoursAfter = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);

describe("state rules", () => {
  it("gives Colorado 30 days from the determination and New York 7 days from the discovery, each with its citation", () => {
    expect(stateNoticeRules.CO).toMatchObject({ hours: 720, from: "determination", citation: "C.R.S. 6-1-716(2)" });
    expect(stateNoticeRules.NY).toMatchObject({ hours: 168, from: "discovery", citation: "8 NYCRR 121.10(a)" });
  });

  it("counts Colorado's 30 days from the determination", () => {
    const deadline = noticeDeadline(noticeRulesFor({ state: "CO", agreementNoticeHours: null }), times);
    expect(deadline?.deadlineAt.toISOString()).toBe("2026-12-03T08:00:00.000Z");
    expect(deadline?.governing.source).toBe("state");
  });

  it("counts New York's 7 days from the discovery, so a late determination leaves less time", () => {
    const deadline = noticeDeadline(noticeRulesFor({ state: "NY", agreementNoticeHours: null }), times);
    expect(deadline?.deadlineAt.toISOString()).toBe("2026-11-08T08:00:00.000Z");
  });

  it("has no deadline in a state without a rule and no period in the agreement", () => {
    const rules = noticeRulesFor({ state: "TX", agreementNoticeHours: null });
    expect(rules).toEqual([]);
    expect(noticeClock(rules, times, null, hoursAfter(determinedAt, 1)).state).toBe("no-deadline");
  });
});

describe("the agreement's own period", () => {
  it("governs when it falls earlier than the state's (72 hours in Colorado)", () => {
    const deadline = noticeDeadline(noticeRulesFor({ state: "CO", agreementNoticeHours: 72 }), times);
    expect(deadline?.deadlineAt.toISOString()).toBe("2026-11-06T08:00:00.000Z");
    expect(deadline?.governing).toMatchObject({ source: "agreement", label: "72 hours after it is determined to be a breach (the agreement)" });
  });

  it("cannot extend the state's: 45 days in New York still leaves New York's 7 days", () => {
    const deadline = noticeDeadline(noticeRulesFor({ state: "NY", agreementNoticeHours: 45 * 24 }), times);
    expect(deadline?.governing.source).toBe("state");
    expect(deadline?.deadlineAt.toISOString()).toBe("2026-11-08T08:00:00.000Z");
  });

  it("is the only rule in a state Tessera has none for", () => {
    const deadline = noticeDeadline(noticeRulesFor({ state: "TX", agreementNoticeHours: 48 }), times);
    expect(deadline?.deadlineAt.toISOString()).toBe("2026-11-05T08:00:00.000Z");
  });
});

describe("the clock", () => {
  const rules = noticeRulesFor({ state: "CO", agreementNoticeHours: 72 });
  const deadline = hoursAfter(determinedAt, 72);

  it("does not start before the incident is determined to be a breach", () => {
    expect(noticeClock(rules, { discoveredAt, determinedAt: null }, null, hoursAfter(discoveredAt, 1000))).toEqual({ state: "not-started", deadlineAt: null, governing: null });
  });

  it("runs until the deadline, then is overdue", () => {
    expect(noticeClock(rules, times, null, deadline).state).toBe("running");
    expect(noticeClock(rules, times, null, hoursAfter(deadline, 0.001)).state).toBe("overdue");
  });

  it("is met by a delivery on time and late after the deadline, whatever the time now", () => {
    const later = hoursAfter(deadline, 500);
    expect(noticeClock(rules, times, hoursAfter(deadline, -1), later).state).toBe("met");
    expect(noticeClock(rules, times, hoursAfter(deadline, 1), later).state).toBe("late");
  });
});

it("words a week or more of whole days in days, anything shorter in hours", () => {
  expect([formatPeriod(72), formatPeriod(24), formatPeriod(168), formatPeriod(720), formatPeriod(1), formatPeriod(200)]).toEqual(["72 hours", "24 hours", "7 days", "30 days", "1 hour", "200 hours"]);
});
