import { describe, expect, it } from "vitest";
import { capturedOutbox } from "../../../../tests/support/captured-outbox";
import { createRevokeRefusalAudit } from "./revoke-refusal-audit";

const meta = { requestId: "r1", sourceIp: "10.0.0.2" };
const refusal = (tokenId: string | null) => ({ caller: "reports-worker", token: tokenId ? { id: tokenId, tenantId: "ten_a", licenseId: "lic_a" } : null });

describe("refused revocation audit", () => {
  it("writes one event per caller and token (or unknown token) per window, then reports how many it held back", async () => {
    let t = 0;
    const audit = createRevokeRefusalAudit({ windowMs: 1000, now: () => t });
    const { ctx, written } = capturedOutbox();
    expect(await audit.record(ctx, refusal("tok_a"), meta)).toBe(true);
    for (let i = 0; i < 7; i++) expect(await audit.record(ctx, refusal("tok_a"), meta)).toBe(false);
    expect(await audit.record(ctx, refusal(null), meta)).toBe(true);
    expect(await audit.record(ctx, refusal(null), meta)).toBe(false);
    expect(await audit.record(ctx, { ...refusal("tok_a"), caller: "billing-api" }, meta)).toBe(true);
    t = 1000;
    expect(await audit.record(ctx, refusal("tok_a"), meta)).toBe(true);
    expect(written.map((e) => [e.payload.target?.id ?? null, e.payload.tenantId, e.payload.data.suppressedBefore])).toEqual([
      ["tok_a", "ten_a", 0],
      [null, null, 0],
      ["tok_a", "ten_a", 0],
      ["tok_a", "ten_a", 7],
    ]);
    expect(written[0].payload).toMatchObject({ action: "token.revoke", data: { reason: "not-issued-to-caller", licenseId: "lic_a", windowSeconds: 1 } });
  });

  it("keeps its memory bounded: a flood of distinct tokens holds at most maxKeys", async () => {
    const audit = createRevokeRefusalAudit({ maxKeys: 10, now: () => 0 });
    const { ctx, written } = capturedOutbox();
    let most = 0;
    for (let i = 0; i < 500; i++) {
      await audit.record(ctx, refusal(`tok_${i}`), meta);
      most = Math.max(most, audit.heldKeys());
    }
    expect(most).toBe(10);
    expect(written).toHaveLength(500);
    expect(await audit.record(ctx, refusal("tok_499"), meta)).toBe(false);
    expect(await audit.record(ctx, refusal("tok_0"), meta)).toBe(true);
  });
});
