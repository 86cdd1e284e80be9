// The in-memory usage batch: uses and refusals counted per token and hour, written in one flush; a failed
// flush keeps its counts for the next one (added to what arrived meanwhile, never doubled); close flushes.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AccessPrisma } from "../../db/prisma";
import type { HourCount } from "./token-usage-writes";

const written: { counts: HourCount[]; lastUsed: [string, Date][] } = { counts: [], lastUsed: [] };
let failNext = 0;
let batchCalls = 0;
let failOnBatch = 0;

vi.mock("./token-usage-writes", () => ({
  usageBatchSize: 2,
  addHourCounts: async (_prisma: unknown, rows: HourCount[]) => {
    batchCalls += 1;
    if (batchCalls === failOnBatch) throw new Error("database away");
    if (failNext > 0) {
      failNext -= 1;
      throw new Error("database away");
    }
    written.counts.push(...rows.map((r) => ({ ...r })));
  },
  writeLastUsed: async (_prisma: unknown, rows: [string, Date][]) => {
    written.lastUsed.push(...rows);
  },
}));

const { createTokenUsage } = await import("./token-usage");

const prisma = {} as AccessPrisma;
const tok = (n: number) => ({ tokenId: `tok_${n}`, licenseId: "lic_1", tenantId: "ten_1" });
const at = (iso: string) => new Date(iso);

/** Counts written so far, summed per "token hour" (the database adds them the same way). */
function table() {
  const sum = new Map<string, { uses: number; refusals: number }>();
  for (const c of written.counts) {
    const key = `${c.tokenId} ${new Date(c.bucket).toISOString()}`;
    const s = sum.get(key) ?? { uses: 0, refusals: 0 };
    sum.set(key, { uses: s.uses + c.uses, refusals: s.refusals + c.refusals });
  }
  return Object.fromEntries(sum);
}

beforeEach(() => {
  written.counts = [];
  written.lastUsed = [];
  failNext = 0;
  batchCalls = 0;
  failOnBatch = 0;
});

describe("token usage batch", () => {
  it("counts uses and refusals per token and hour, written only on flush", async () => {
    const usage = createTokenUsage(prisma, { flushIntervalMs: 3_600_000 });
    usage.note(tok(1), at("2025-01-01T10:05:00Z"));
    usage.note(tok(1), at("2025-01-01T10:59:59Z"));
    usage.noteRefusal(tok(1), at("2025-01-01T10:30:00Z"));
    usage.note(tok(1), at("2025-01-01T11:00:00Z"));
    usage.noteRefusal(tok(2), at("2025-01-01T11:10:00Z"));
    expect(written.counts).toEqual([]);
    expect(await usage.flush()).toBe(2);
    expect(table()).toEqual({
      "tok_1 2025-01-01T10:00:00.000Z": { uses: 2, refusals: 1 },
      "tok_1 2025-01-01T11:00:00.000Z": { uses: 1, refusals: 0 },
      "tok_2 2025-01-01T11:00:00.000Z": { uses: 0, refusals: 1 },
    });
    // Only uses move last-used; the latest time wins.
    expect(written.lastUsed).toEqual([["tok_1", at("2025-01-01T11:00:00Z")]]);
    expect(await usage.flush()).toBe(0);
    await usage.close();
  });

  it("a failed flush keeps the unwritten counts and adds them to the next flush", async () => {
    const usage = createTokenUsage(prisma, { flushIntervalMs: 3_600_000 });
    for (let n = 1; n <= 3; n++) usage.note(tok(n), at("2025-01-01T10:00:00Z")); // two batches of at most 2
    failNext = 1;
    await expect(usage.flush()).rejects.toThrow("database away");
    expect(written.counts).toEqual([]);
    usage.note(tok(1), at("2025-01-01T10:10:00Z")); // arrives while the database is away
    await usage.flush();
    expect(table()).toEqual({
      "tok_1 2025-01-01T10:00:00.000Z": { uses: 2, refusals: 0 },
      "tok_2 2025-01-01T10:00:00.000Z": { uses: 1, refusals: 0 },
      "tok_3 2025-01-01T10:00:00.000Z": { uses: 1, refusals: 0 },
    });
    await usage.close();
  });

  it("a flush failing after its first batch does not write that batch twice", async () => {
    const usage = createTokenUsage(prisma, { flushIntervalMs: 3_600_000 });
    for (let n = 1; n <= 3; n++) usage.noteRefusal(tok(n), at("2025-01-01T10:00:00Z"));
    failOnBatch = 2; // the first batch (two tokens) is written, the second fails
    await expect(usage.flush()).rejects.toThrow("database away");
    expect(written.counts).toHaveLength(2);
    await usage.flush();
    expect(Object.values(table())).toEqual([
      { uses: 0, refusals: 1 },
      { uses: 0, refusals: 1 },
      { uses: 0, refusals: 1 },
    ]);
    await usage.close();
  });

  it("close writes what is left", async () => {
    const usage = createTokenUsage(prisma, { flushIntervalMs: 3_600_000 });
    usage.note(tok(7), at("2025-01-01T10:00:00Z"));
    await usage.close();
    expect(table()).toEqual({ "tok_7 2025-01-01T10:00:00.000Z": { uses: 1, refusals: 0 } });
  });
});
