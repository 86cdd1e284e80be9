// The record of accesses: counted per (credential, caller, scopes, minute) in memory; only a district's
// credentials become events, with their purpose and holder; a failed write keeps what it did not store.
import { describe, expect, it } from "vitest";
import type { AccessPrisma } from "../../db/prisma";
import { createAccessRecord } from "./access-record";

type Written = { id: string; payload: { action: string; tenantId: string; target: { id: string }; data: Record<string, unknown> } };

function fakePrisma(options: { failWrites?: () => boolean } = {}) {
  const written: Written[] = [];
  const tx = {
    $executeRaw: async (_q: TemplateStringsArray, ids: string[], payloads: string[]) => {
      if (options.failWrites?.()) throw new Error("database away");
      ids.forEach((id, i) => written.push({ id, payload: JSON.parse(payloads[i]) }));
      return ids.length;
    },
  };
  const prisma = {
    token: { findMany: async () => [{ id: "tok_d", purpose: "Attendance reports", createdById: "usr_1", clientId: null }] },
    license: { findMany: async () => [{ id: "lic_d" }] },
    $transaction: async (f: (t: typeof tx) => Promise<unknown>) => f(tx),
  };
  return { prisma: prisma as unknown as AccessPrisma, written };
}

const at = new Date("2026-12-01T10:00:30Z");

describe("the record of accesses", () => {
  it("aggregates per credential, caller, scopes and minute, and records only a district's credentials", async () => {
    const { prisma, written } = fakePrisma();
    const record = createAccessRecord(prisma, { flushIntervalMs: 3_600_000 });
    for (let i = 0; i < 3; i++) record.note({ type: "token", id: "tok_d", tenantId: "ten_d" }, "reports-api", ["reports:read"], at);
    record.note({ type: "token", id: "tok_d", tenantId: "ten_d" }, "reports-api", ["reports:read"], new Date("2026-12-01T10:01:05Z"));
    record.note({ type: "token", id: "tok_company", tenantId: "ten_c" }, "reports-api", ["reports:read"], at); // not a district's: dropped
    record.note({ type: "license", id: "lic_d", tenantId: "ten_d" }, "etl-api", ["etl:run"], at);
    expect(await record.flush()).toBe(3);
    expect(written.map((w) => [w.payload.target.id, w.payload.data.count, w.payload.data.minute])).toEqual([
      ["tok_d", 3, "2026-12-01T10:00:00.000Z"],
      ["tok_d", 1, "2026-12-01T10:01:00.000Z"],
      ["lic_d", 1, "2026-12-01T10:00:00.000Z"],
    ]);
    expect(written[0].payload).toMatchObject({ action: "disclosure.access", tenantId: "ten_d", data: { purpose: "Attendance reports", personId: "usr_1", scopes: ["reports:read"], via: "introspection" } });
    expect(await record.flush()).toBe(0);
    await record.close();
  });

  it("keeps what a failed flush did not store, and writes it with later accesses at the next one", async () => {
    let fail = true;
    const { prisma, written } = fakePrisma({ failWrites: () => fail });
    const record = createAccessRecord(prisma, { flushIntervalMs: 3_600_000 });
    record.note({ type: "token", id: "tok_d", tenantId: "ten_d" }, "reports-api", ["reports:read"], at);
    await expect(record.flush()).rejects.toThrow("database away");
    record.note({ type: "token", id: "tok_d", tenantId: "ten_d" }, "reports-api", ["reports:read"], at);
    fail = false;
    expect(await record.flush()).toBe(1);
    expect(written.map((w) => w.payload.data.count)).toEqual([2]);
    await record.close();
  });
});
