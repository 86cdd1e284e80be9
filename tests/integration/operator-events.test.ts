// POST /v1/operator/events: the operator's audit events enter the outbox through recordEvent, like every
// other event, so its secret guard and validation hold (422, nothing queued); they name no tenant; they
// are idempotent by id; and only the operator's certificate may send them (the web tier's may not).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../contracts/audit-api";
import { changeEventCount } from "../support/refusal-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
beforeAll(async () => {
  h = await startAccessService("operator_events");
});
afterAll(async () => h?.close());

const event = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  id: randomUUID(), occurredAt: new Date().toISOString(), action: "pki.certificate_issue", outcome: "success",
  actor: { type: "operator", id: "ops", label: "tessera cli" }, target: { type: "certificate", id: "0a1b" }, tenantId: null,
  sourceIp: null, requestId: null, data: { identity: "reports-worker" }, ...over,
});
const send = async (identity: string, events: AuditEvent[]) => (await h.as(identity)).json<{ queued: number; duplicates: number; code?: string }>("POST", "/v1/operator/events", { events });

describe("operator events", () => {
  it("are queued once by id, in the outbox as sent", async () => {
    const a = event();
    const b = event({ action: "keys.rotate", target: { type: "keyring", id: "2" } });
    expect((await send("operator", [a, b, a])).body).toEqual({ queued: 2, duplicates: 1 });
    expect((await send("operator", [a])).body).toEqual({ queued: 0, duplicates: 1 });
    const row = await h.prisma.outboxEvent.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.payload).toEqual(a);
  });

  it("pass the same secret guard as every event: a secret-looking field refuses the whole batch", async () => {
    const before = await changeEventCount(h);
    for (const bad of [event({ data: { token: "x" } }), event({ data: { note: `tsr_${"A".repeat(43)}` } }), event({ data: { key: `tlk_${"B".repeat(43)}` } })]) {
      const res = await send("operator", [event(), bad]);
      expect(res.status).toBe(422);
    }
    expect(await changeEventCount(h)).toBe(before);
  });

  it("name an operator and no tenant, so none lands in a tenant's timeline", async () => {
    const before = await changeEventCount(h);
    expect((await send("operator", [event({ tenantId: "ten_acme" })])).status).toBe(422);
    expect((await send("operator", [event({ actor: { type: "user", id: "usr_x", label: "x" } })])).status).toBe(422);
    expect(await changeEventCount(h)).toBe(before);
  });

  it("are refused to every identity but the operator's", async () => {
    const before = await changeEventCount(h);
    for (const identity of ["web", "access", "audit", "reports-worker"]) expect((await send(identity, [event()])).status, identity).toBe(403);
    expect(await changeEventCount(h)).toBe(before);
  });
});
