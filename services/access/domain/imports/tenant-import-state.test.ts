// An import into a suspended, closing or closed tenant: what is refused, and how statuses and the
// tenant-suspension mark are written.
import { describe, expect, it } from "vitest";
import { placeNewLicense, placeSyncedLicense, tenantSuspendedForImport } from "./tenant-import-state";

const tenant = { slug: "north", suspendedAt: null, closedAt: null, closingDispositionId: null };

describe("tenantSuspendedForImport", () => {
  it("refuses a closing or closed tenant and says whether it is suspended", () => {
    expect(tenantSuspendedForImport(tenant)).toBe(false);
    expect(tenantSuspendedForImport({ ...tenant, suspendedAt: new Date() })).toBe(true);
    expect(() => tenantSuspendedForImport({ ...tenant, closingDispositionId: "dsp_1" })).toThrow('The tenant "north" is being closed (disposition dsp_1): nothing can be imported into it.');
    expect(() => tenantSuspendedForImport({ ...tenant, closingDispositionId: "dsp_1", closedAt: new Date() })).toThrow('The tenant "north" is closed: nothing can be imported into it.');
  });
});

describe("placing statuses", () => {
  it("writes a new live license into a suspended tenant as suspended by the tenant, and leaves others as they are", () => {
    expect(placeNewLicense("active", true)).toEqual({ status: "suspended", suspendedByTenant: true });
    expect(placeNewLicense("suspended", true)).toEqual({ status: "suspended", suspendedByTenant: false });
    expect(placeNewLicense("expired", true)).toEqual({ status: "expired", suspendedByTenant: false });
    expect(placeNewLicense("active", false)).toEqual({ status: "active", suspendedByTenant: false });
  });

  it("never reactivates a synced license while the tenant is suspended; a suspension by the source clears the tenant's mark", () => {
    expect(placeSyncedLicense("active", { suspendedByTenant: false }, true, true)).toEqual({ status: "suspended", suspendedByTenant: true });
    expect(placeSyncedLicense("active", { suspendedByTenant: true }, true, true)).toEqual({ status: "suspended", suspendedByTenant: true });
    expect(placeSyncedLicense("suspended", { suspendedByTenant: true }, false, true)).toEqual({ status: "suspended", suspendedByTenant: false });
    expect(placeSyncedLicense("suspended", { suspendedByTenant: true }, true, true)).toEqual({ status: "suspended", suspendedByTenant: undefined });
    expect(placeSyncedLicense("expired", { suspendedByTenant: true }, true, true)).toEqual({ status: "expired", suspendedByTenant: undefined });
    expect(placeSyncedLicense("active", { suspendedByTenant: false }, true, false)).toEqual({ status: "active", suspendedByTenant: undefined });
  });
});
