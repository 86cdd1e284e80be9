import { describe, expect, it } from "vitest";
import { capturedOutbox } from "../../../../tests/support/captured-outbox";
import { createValidationFailureAudit } from "./validation-failure-audit";

const meta = { requestId: "r1", sourceIp: "10.0.0.1" };
const failure = { caller: "reports-worker", reason: "expired", licenseId: "lic_a", tenantId: "ten_a", scope: null };

describe("validation failure audit limiter", () => {
  it("writes one event per caller, license and reason per window, then reports how many it held back", async () => {
    let t = 0;
    const audit = createValidationFailureAudit({ windowMs: 1000, now: () => t });
    const { ctx, written } = capturedOutbox();
    expect(await audit.record(ctx, failure, meta)).toBe(true);
    for (let i = 0; i < 50; i++) expect(await audit.record(ctx, failure, meta)).toBe(false);
    expect(await audit.record(ctx, { ...failure, reason: "suspended" }, meta)).toBe(true);
    expect(await audit.record(ctx, { ...failure, licenseId: "lic_b" }, meta)).toBe(true);
    expect(written).toHaveLength(3);
    t = 1000;
    expect(await audit.record(ctx, failure, meta)).toBe(true);
    expect(written[3].payload.data).toMatchObject({ reason: "expired", suppressedBefore: 50, windowSeconds: 1 });
  });

  it("keeps its memory bounded: past maxKeys it forgets the least recently seen, at worst one extra event per key", async () => {
    const audit = createValidationFailureAudit({ maxKeys: 10, now: () => 0 });
    const { ctx, written } = capturedOutbox();
    let most = 0;
    for (let i = 0; i < 1000; i++) {
      await audit.record(ctx, { ...failure, licenseId: `lic_${i}` }, meta);
      most = Math.max(most, audit.heldKeys());
    }
    expect(most).toBe(10);
    expect(written).toHaveLength(1000);
    // Still in its window, still held: held back. Long forgotten: written again (the bound's price).
    expect(await audit.record(ctx, { ...failure, licenseId: "lic_999" }, meta)).toBe(false);
    expect(await audit.record(ctx, { ...failure, licenseId: "lic_0" }, meta)).toBe(true);
    expect(audit.heldKeys()).toBeLessThanOrEqual(10);
  });
});
