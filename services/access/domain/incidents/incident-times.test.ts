// The date rules of incidents and agreements that need the clock: checked before anything is written.
import { describe, expect, it } from "vitest";
import { agreementFieldErrors } from "../agreements/put-agreement";
import { incidentTimeErrors } from "./change-incident";

const now = new Date("2026-12-02T12:00:00Z");
const at = (iso: string) => new Date(iso);

describe("incident times", () => {
  it("accept a discovery and a later determination, both past, or no determination yet", () => {
    expect(incidentTimeErrors({ discoveredAt: at("2026-11-30T09:00:00Z"), determinedAt: at("2026-12-01T09:00:00Z") }, now)).toEqual({});
    expect(incidentTimeErrors({ discoveredAt: at("2026-11-30T09:00:00Z"), determinedAt: null }, now)).toEqual({});
  });

  it("refuse a time in the future and a determination before the discovery, at their fields", () => {
    expect(Object.keys(incidentTimeErrors({ discoveredAt: at("2026-12-03T00:00:00Z"), determinedAt: null }, now))).toEqual(["discoveredAt"]);
    expect(incidentTimeErrors({ discoveredAt: at("2026-11-30T09:00:00Z"), determinedAt: at("2026-12-02T12:00:01Z") }, now).determinedAt).toEqual(["The determination cannot lie in the future."]);
    expect(incidentTimeErrors({ discoveredAt: at("2026-11-30T09:00:00Z"), determinedAt: at("2026-11-29T09:00:00Z") }, now).determinedAt).toEqual(["The determination cannot come before the discovery."]);
  });
});

describe("agreement days", () => {
  const base = { kind: "sdpc_ndpa" as const, reference: "NDPA" };
  it("accept signed, then effective, then ending, with an Exhibit E offer under the NDPA", () => {
    expect(agreementFieldErrors({ ...base, signedOn: "2025-06-01", effectiveOn: "2025-07-01", endsOn: "2028-06-30", generalOfferFrom: "Denver" }, "2026-12-02")).toEqual({});
  });

  it("refuse a signing in the future, an effect before the signing, an end not after the start, an offer outside the NDPA", () => {
    expect(Object.keys(agreementFieldErrors({ ...base, signedOn: "2026-12-03" }, "2026-12-02"))).toEqual(["signedOn"]);
    expect(Object.keys(agreementFieldErrors({ ...base, signedOn: "2025-06-01", effectiveOn: "2025-05-31" }, "2026-12-02"))).toEqual(["effectiveOn"]);
    expect(Object.keys(agreementFieldErrors({ ...base, signedOn: "2025-06-01", endsOn: "2025-06-01" }, "2026-12-02"))).toEqual(["endsOn"]);
    expect(Object.keys(agreementFieldErrors({ ...base, kind: "state_terms", generalOfferFrom: "Denver" }, "2026-12-02"))).toEqual(["generalOfferFrom"]);
  });
});
