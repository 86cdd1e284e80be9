import { describe, expect, it } from "vitest";
import { nameKey, type Names } from "../audit-log/resolve-names";
import { timelineDetails } from "./timeline-details";

const names: Names = new Map([
  [nameKey("tier", "tier_basic"), "Basic"],
  [nameKey("tier", "tier_pro"), "Pro"],
  [nameKey("component", "cmp_reports"), "Reporting"],
]);

describe("a license event's details for people", () => {
  it("names tiers and components instead of showing their ids, and pairs from/to", () => {
    const details = timelineDetails({ from: "active", to: "active", fromTierId: "tier_basic", toTierId: "tier_pro", fromSeats: 10, toSeats: 25 }, names);
    expect(details).toEqual([
      { label: "Tier", from: { kind: "text", text: "Basic" }, to: { kind: "text", text: "Pro" } },
      { label: "Seats", from: { kind: "text", text: "10" }, to: { kind: "text", text: "25" } },
    ]);
    expect(JSON.stringify(details)).not.toContain("tier_");
  });

  it("leaves instants for the browser to show in the viewer's zone", () => {
    const details = timelineDetails({ to: "active", componentId: "cmp_reports", tierId: "tier_pro", seats: 5, startsAt: "2026-01-01T00:00:00.000Z", endsAt: "2027-01-01T00:00:00+01:00" }, names);
    expect(details).toEqual([
      { label: "Status", from: null, to: { kind: "text", text: "active" } },
      { label: "Tier", from: null, to: { kind: "text", text: "Pro" } },
      { label: "Component", from: null, to: { kind: "text", text: "Reporting" } },
      { label: "Seats", from: null, to: { kind: "text", text: "5" } },
      { label: "Starts", from: null, to: { kind: "time", at: "2026-01-01T00:00:00.000Z" } },
      { label: "Ends", from: null, to: { kind: "time", at: "2026-12-31T23:00:00.000Z" } },
    ]);
  });

  it("keeps an id whose record is gone, labels unknown fields and skips objects", () => {
    const details = timelineDetails({ tierId: "tier_gone", dataKeyId: "dk_1", nested: { a: 1 }, reason: "reauth-failed" }, names);
    expect(details).toEqual([
      { label: "Tier", from: null, to: { kind: "text", text: "tier_gone" } },
      { label: "Reason", from: null, to: { kind: "text", text: "reauth-failed" } },
      { label: "Data key id", from: null, to: { kind: "text", text: "dk_1" } },
    ]);
  });
});
