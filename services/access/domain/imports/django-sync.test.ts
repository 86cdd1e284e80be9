// The sync rules of a second Django import: what changes, what stays, and when the holder's rule applies.
import { describe, expect, it } from "vitest";
import { describeSync, planSync, sourceStatus } from "./django-sync";

const now = new Date("2026-12-01T00:00:00Z");
const later = new Date("2027-06-01T00:00:00Z");
const muchLater = new Date("2028-06-01T00:00:00Z");
const past = new Date("2026-01-01T00:00:00Z");

describe("planSync", () => {
  it("maps the source: past its expiry expired, else active or suspended", () => {
    expect(sourceStatus({ active: true, endsAt: later }, now)).toBe("active");
    expect(sourceStatus({ active: false, endsAt: later }, now)).toBe("suspended");
    expect(sourceStatus({ active: true, endsAt: past }, now)).toBe("expired");
  });

  it("leaves an identical license alone and a revoked one revoked", () => {
    expect(planSync({ status: "active", endsAt: later }, { active: true, endsAt: later }, now)).toEqual({ kind: "unchanged", status: "active" });
    expect(planSync({ status: "revoked", endsAt: later }, { active: true, endsAt: muchLater }, now)).toEqual({ kind: "kept-revoked" });
    // An active license past its end already reads expired: a source that says expired changes nothing.
    expect(planSync({ status: "active", endsAt: past }, { active: true, endsAt: past }, now)).toEqual({ kind: "unchanged", status: "expired" });
  });

  it("applies a status or expiry change, saying whether it makes the license live again", () => {
    expect(planSync({ status: "active", endsAt: later }, { active: false, endsAt: later }, now)).toEqual({
      kind: "update", from: { status: "active", endsAt: later }, to: { status: "suspended", endsAt: later }, becomesLive: false,
    });
    expect(planSync({ status: "active", endsAt: later }, { active: true, endsAt: muchLater }, now)).toMatchObject({ kind: "update", becomesLive: false });
    expect(planSync({ status: "expired", endsAt: past }, { active: true, endsAt: later }, now)).toMatchObject({ kind: "update", to: { status: "active" }, becomesLive: true });
    expect(planSync({ status: "suspended", endsAt: past }, { active: true, endsAt: later }, now)).toMatchObject({ kind: "update", becomesLive: true });
    expect(planSync({ status: "active", endsAt: later }, { active: true, endsAt: past }, now)).toMatchObject({ kind: "update", to: { status: "expired" }, becomesLive: false });
  });

  it("describes only what changed", () => {
    expect(describeSync({ status: "active", endsAt: later }, { status: "suspended", endsAt: later })).toBe("active → suspended");
    expect(describeSync({ status: "active", endsAt: later }, { status: "active", endsAt: muchLater })).toBe("ends 2027-06-01T00:00:00.000Z → 2028-06-01T00:00:00.000Z");
  });
});
