// The key history's buffer: written in one statement when its interval has passed, bounded (the newest
// beyond the bound are dropped and counted), pruned when due.
import { describe, expect, it } from "vitest";
import type { AccessPrisma } from "../../db/prisma";
import { createKeyHistory } from "./key-history";

function fakePrisma() {
  const statements: { sql: string; values: unknown[] }[] = [];
  const prisma = { $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (statements.push({ sql: strings.join("?"), values }), 0) };
  return { prisma: prisma as unknown as AccessPrisma, statements };
}

describe("key history", () => {
  it("holds keys until its interval has passed, then writes them in one statement", async () => {
    const { prisma, statements } = fakePrisma();
    let now = 0;
    const k = createKeyHistory(prisma, { flushMs: 1_000, pruneMs: 60_000 }, () => now);
    k.record("token", "tok_1", 10, "introspection:active");
    k.record("token", "tok_1", 20, "introspection:active+burst");
    await k.flush();
    expect(statements).toHaveLength(0);
    now = 1_000;
    await k.flush();
    expect(statements).toHaveLength(1);
    expect(statements[0]!.sql).toContain("INSERT INTO \"detector_key_history\"");
    expect(statements[0]!.values).toEqual([["token", "token"], ["tok_1", "tok_1"], [10, 20], ["introspection:active", "introspection:active+burst"]]);
    expect(k.stats()).toEqual({ pending: 0, dropped: 0, written: 2 });
  });
  it("is bounded: past maxPending the newest are dropped and counted", () => {
    const k = createKeyHistory(fakePrisma().prisma, { maxPending: 2 });
    for (let i = 0; i < 5; i++) k.record("license", "lic_1", i, "validation:valid");
    expect(k.stats()).toMatchObject({ pending: 2, dropped: 3 });
  });
  it("prunes by age and rows per kind when due", async () => {
    const { prisma, statements } = fakePrisma();
    let now = 0;
    const k = createKeyHistory(prisma, { flushMs: 0, pruneMs: 60_000 }, () => now);
    await k.flush(true);
    expect(statements.filter((s) => s.sql.includes("DELETE"))).toHaveLength(0);
    now = 60_000;
    await k.flush();
    expect(statements.filter((s) => s.sql.includes("DELETE"))).toHaveLength(2);
  });
});
