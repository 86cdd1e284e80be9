import { describe, expect, it } from "vitest";
import { auditEvent } from "../../../contracts/audit-api";
import { recordEvent, type OutboxWriter, type RecordableEvent } from "./record-event";
import { backoffDelay } from "./relay";

function fakeTx() {
  const rows: { id: string; payload: unknown }[] = [];
  const tx: OutboxWriter = { outboxEvent: { create: async ({ data }) => rows.push(data) } };
  return { tx, rows };
}

const base: RecordableEvent = {
  action: "license.revoke",
  outcome: "success",
  actor: { type: "user", id: "usr_1", label: "a@example.com" },
  target: { type: "license", id: "lic_1" },
  tenantId: "ten_1",
  sourceIp: "192.0.2.7",
  requestId: "req-1",
};

describe("recordEvent", () => {
  it("writes a valid event with a fresh uuid and time into the outbox, keyed by the event id", async () => {
    const { tx, rows } = fakeTx();
    const event = await recordEvent(tx, base);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(event.id);
    expect(auditEvent.parse(rows[0].payload)).toEqual({ ...base, id: event.id, occurredAt: event.occurredAt, data: {} });
    const second = await recordEvent(tx, base);
    expect(second.id).not.toBe(event.id);
  });

  it("throws before writing when the event is malformed", async () => {
    const { tx, rows } = fakeTx();
    await expect(recordEvent(tx, { ...base, action: "revoke" })).rejects.toThrow(/action/);
    await expect(recordEvent(tx, { ...base, actor: { type: "robot" as "user", id: null, label: null } })).rejects.toThrow(/actor\.type/);
    expect(rows).toHaveLength(0);
  });

  it("refuses secrets by field name or by shape, and data that is not plain JSON", async () => {
    const { tx, rows } = fakeTx();
    await expect(recordEvent(tx, { ...base, data: { password: "hunter2hunter2" } })).rejects.toThrow(/secret at event\.data\.password/);
    await expect(recordEvent(tx, { ...base, data: { nested: { clientSecret: "x" } } })).rejects.toThrow(/secret/);
    await expect(recordEvent(tx, { ...base, data: { note: `tss_${"A".repeat(43)}` } })).rejects.toThrow(/secret/);
    await expect(recordEvent(tx, { ...base, data: { at: new Date() } })).rejects.toThrow(/plain JSON/);
    expect(rows).toHaveLength(0);
  });
});

describe("relay backoff", () => {
  it("doubles from 1 s and stops at 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(backoffDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});
