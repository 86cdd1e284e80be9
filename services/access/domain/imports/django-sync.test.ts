// The sync rules of a second Django import: only what the source changed since the last import applies,
// a change made in Tessera stays unless the source changed the same field, and a revoked license stays revoked.
import { describe, expect, it } from "vitest";
import { describeSync, planSync, sourceStatus } from "./django-sync";

const now = new Date("2026-12-01T00:00:00Z");
const later = new Date("2027-06-01T00:00:00Z");
const muchLater = new Date("2028-06-01T00:00:00Z");
const past = new Date("2026-01-01T00:00:00Z");
const activeTo = (endsAt: Date) => ({ active: true, endsAt });

describe("planSync", () => {
  it("maps the source: past its expiry expired, else active or suspended", () => {
    expect(sourceStatus({ active: true, endsAt: later }, now)).toBe("active");
    expect(sourceStatus({ active: false, endsAt: later }, now)).toBe("suspended");
    expect(sourceStatus({ active: true, endsAt: past }, now)).toBe("expired");
  });

  it("leaves a license alone when the source is as last imported, and a revoked one revoked", () => {
    expect(planSync({ status: "active", endsAt: later }, activeTo(later), activeTo(later), now)).toEqual({ kind: "unchanged", status: "active", kept: [] });
    expect(planSync({ status: "revoked", endsAt: later }, activeTo(later), activeTo(muchLater), now)).toEqual({ kind: "kept-revoked" });
    // An active license past its end already reads expired: a source that says expired changes nothing.
    expect(planSync({ status: "active", endsAt: past }, activeTo(past), activeTo(past), now)).toEqual({ kind: "unchanged", status: "expired", kept: [] });
  });

  it("keeps a suspension or renewal made in Tessera when the source did not change that field", () => {
    expect(planSync({ status: "suspended", endsAt: later }, activeTo(later), activeTo(later), now)).toEqual({
      kind: "unchanged", status: "suspended", kept: ["kept Tessera's suspended (the source still says active)"],
    });
    expect(planSync({ status: "active", endsAt: muchLater }, activeTo(later), activeTo(later), now)).toMatchObject({ kind: "unchanged", kept: [expect.stringMatching(/^kept Tessera's end 2028/)] });
    // The source moved the end of a license suspended in Tessera: the end applies, the suspension stays.
    expect(planSync({ status: "suspended", endsAt: later }, activeTo(later), activeTo(muchLater), now)).toEqual({
      kind: "update", from: { status: "suspended", endsAt: later }, to: { status: "suspended", endsAt: muchLater }, becomesLive: false,
      overrides: [], kept: ["kept Tessera's suspended (the source still says active)"],
    });
  });

  it("applies the source's change of a field changed in Tessera too, saying it overrides", () => {
    // Reinstated in Tessera, then deactivated at the source: the source wins.
    expect(planSync({ status: "active", endsAt: later }, { active: false, endsAt: later }, { active: false, endsAt: later }, now)).toMatchObject({ kind: "unchanged", kept: ["kept Tessera's active (the source still says inactive)"] });
    expect(planSync({ status: "suspended", endsAt: later }, { active: false, endsAt: later }, activeTo(later), now)).toMatchObject({ kind: "update", to: { status: "active" }, overrides: [] });
    expect(planSync({ status: "active", endsAt: muchLater }, activeTo(later), activeTo(past), now)).toMatchObject({
      kind: "update", to: { status: "expired", endsAt: past }, overrides: ["the source's new end overrides Tessera's 2028-06-01T00:00:00.000Z"],
    });
    expect(planSync({ status: "suspended", endsAt: later }, { active: false, endsAt: later }, { active: true, endsAt: later }, now)).toMatchObject({ overrides: [] });
    expect(planSync({ status: "active", endsAt: later }, { active: false, endsAt: later }, { active: false, endsAt: later }, now).kind).toBe("unchanged");
  });

  it("records a source change that only agrees with Tessera", () => {
    expect(planSync({ status: "suspended", endsAt: later }, activeTo(later), { active: false, endsAt: later }, now)).toEqual({ kind: "agrees", status: "suspended" });
  });

  it("applies a status or expiry change at the source, saying whether it makes the license live again", () => {
    expect(planSync({ status: "active", endsAt: later }, activeTo(later), { active: false, endsAt: later }, now)).toEqual({
      kind: "update", from: { status: "active", endsAt: later }, to: { status: "suspended", endsAt: later }, becomesLive: false, overrides: [], kept: [],
    });
    expect(planSync({ status: "active", endsAt: later }, activeTo(later), activeTo(muchLater), now)).toMatchObject({ kind: "update", becomesLive: false });
    expect(planSync({ status: "expired", endsAt: past }, activeTo(past), activeTo(later), now)).toMatchObject({ kind: "update", to: { status: "active" }, becomesLive: true });
    expect(planSync({ status: "suspended", endsAt: past }, { active: false, endsAt: past }, activeTo(later), now)).toMatchObject({ kind: "update", becomesLive: true });
    expect(planSync({ status: "active", endsAt: later }, activeTo(later), activeTo(past), now)).toMatchObject({ kind: "update", to: { status: "expired" }, becomesLive: false });
    // Not recorded (imported before the source state was kept): Tessera's state stands for the last import.
    expect(planSync({ status: "active", endsAt: later }, null, { active: false, endsAt: later }, now)).toMatchObject({ kind: "update", to: { status: "suspended" } });
  });

  it("describes only what changed", () => {
    expect(describeSync({ status: "active", endsAt: later }, { status: "suspended", endsAt: later })).toBe("active → suspended");
    expect(describeSync({ status: "active", endsAt: later }, { status: "active", endsAt: muchLater })).toBe("ends 2027-06-01T00:00:00.000Z → 2028-06-01T00:00:00.000Z");
  });
});
