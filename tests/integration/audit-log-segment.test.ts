// A chain segment anyone can check offline: `tessera audit export --out` writes a selection between two
// signed checkpoints (other tenants' events as digests only), and `tessera audit verify --file` with the
// published public key alone passes it untouched and fails it tampered, truncated, reordered or cut.
import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../contracts/audit-api";
import { loadOrCreateCheckpointKey } from "../../services/audit/config/checkpoint-key";
import { checkpointsFile } from "../../services/audit/domain/chain/checkpoint-file";
import { buildAuditService } from "../../services/audit/server";
import { migrate } from "../../services/common/db/migrate";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { auditMigrationsDir } from "../support/start-audit-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createTestPki, type TestPki } from "../support/test-pki";

const exec = promisify(execFile);
let pki: TestPki;
let testDb: TestDatabase;
let db: Database;
let dataDir: string;
let chainKeyFile: string;
let app: ReturnType<typeof buildAuditService>;
let client: ReturnType<typeof createMtlsClient>;

beforeAll(async () => {
  pki = await createTestPki();
  testDb = await createTestDatabase("audit_log_segment");
  db = await openDatabase({ url: testDb.url, embeddedDir: testDb.embeddedDir });
  await migrate(db.connectionString, auditMigrationsDir);
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "audit-segment-"));
  chainKeyFile = path.join(dataDir, "keys", "chain.key");
  const chainKey = randomBytes(32);
  await fs.mkdir(path.dirname(chainKeyFile), { recursive: true });
  await fs.writeFile(chainKeyFile, `${chainKey.toString("base64")}\n`, { mode: 0o600 });
  app = buildAuditService({
    tls: await pki.issue("audit"),
    connectionString: db.connectionString,
    poolMax: db.poolMax,
    chainKey,
    logLevel: "silent",
    checkpoints: { key: await loadOrCreateCheckpointKey(chainKeyFile), file: checkpointsFile(dataDir), intervalMs: 3_600_000 },
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  await pki.issue("access");
  client = createMtlsClient(`https://127.0.0.1:${(app.server.address() as { port: number }).port}`, await pki.client("access"));
  // Three batches, each anchored: tenant A's events are spread among tenant B's.
  for (let batch = 0; batch < 3; batch++) {
    const events = Array.from({ length: 6 }, (_, i) => event(batch * 6 + i, i % 3 === 0 ? "ten_a" : "ten_b"));
    expect((await client.json("POST", "/v1/events", { events })).status).toBe(200);
    await app.checkpointWriter!.flush();
  }
});
afterAll(async () => {
  await client?.close();
  await app?.close();
  await db?.close();
  await testDb?.drop();
  await pki?.remove();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

function event(i: number, tenantId: string): AuditEvent {
  return {
    id: randomUUID(), occurredAt: new Date(Date.UTC(2026, 5, 1, 0, i)).toISOString(), action: i % 2 ? "license.revoke" : "token.create", outcome: "success",
    actor: { type: "user", id: `usr_${tenantId}`, label: `admin@${tenantId}.example` }, target: { type: "license", id: `lic_${tenantId}_${i}` },
    tenantId, sourceIp: "192.0.2.10", requestId: `req-${i}`, data: { n: i },
  };
}

const publicKey = () => path.join(dataDir, "keys", "checkpoint-public.jwk");

async function tessera(...args: string[]): Promise<{ code: number; out: string }> {
  const env: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", TESSERA_HOME: dataDir, AUDIT_DATA_DIR: dataDir, AUDIT_CHAIN_KEY_FILE: chainKeyFile, AUDIT_DATABASE_URL: testDb.url ?? "" };
  return exec(process.execPath, [path.resolve(import.meta.dirname, "../../cli/tessera.js"), "audit", ...args], { env }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

type Segment = { start: string | null; end: string; entries: Array<{ seq: number; canonical?: string; digest?: string }> };
async function exported(name: string, ...filters: string[]): Promise<{ file: string; segment: Segment; text: string }> {
  const file = path.join(dataDir, name);
  const res = await tessera("export", "--out", file, ...filters);
  expect(res.out).toMatch(/Wrote/);
  expect(res.code).toBe(0);
  const text = await fs.readFile(file, "utf8");
  return { file, segment: JSON.parse(text) as Segment, text };
}
async function verifyEdited(name: string, segment: Segment): Promise<{ code: number; out: string }> {
  const file = path.join(dataDir, name);
  await fs.writeFile(file, JSON.stringify(segment));
  return tessera("verify", "--file", file, "--public-key", publicKey());
}

describe("audit log segments", () => {
  it("exports a tenant's selection that verifies with the public key alone and shows nothing of the other tenant", async () => {
    const { file, segment, text } = await exported("a.json", "--tenant", "ten_a");
    expect(text).not.toContain("ten_b");
    const full = segment.entries.filter((e) => e.canonical);
    expect(full).toHaveLength(6);
    expect(full.every((e) => JSON.parse(e.canonical!).tenantId === "ten_a")).toBe(true);
    expect(segment.entries.filter((e) => e.digest).length).toBeGreaterThan(0);
    const res = await tessera("verify", "--file", file, "--public-key", publicKey());
    expect(res.out).toMatch(/Segment verified: events 1–18 \(18\), 6 in full and 12 as digests/);
    expect(res.code).toBe(0);
  });

  it("starts at the checkpoint before the selection and ends at the one after it", async () => {
    const { file, segment } = await exported("late.json", "--tenant", "ten_a", "--from", new Date(Date.UTC(2026, 5, 1, 0, 12)).toISOString());
    expect(segment.entries.map((e) => e.seq)).toEqual([13, 14, 15, 16, 17, 18]);
    expect((await tessera("verify", "--file", file, "--public-key", publicKey())).code).toBe(0);
  });

  it("fails a changed event, naming why", async () => {
    const { segment } = await exported("t.json", "--tenant", "ten_a");
    const i = segment.entries.findIndex((e) => e.canonical);
    segment.entries[i] = { ...segment.entries[i], canonical: segment.entries[i].canonical!.replace('"n":0', '"n":7') };
    const res = await verifyEdited("tampered.json", segment);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/does NOT verify: .*changed, removed or reordered/);
  });

  it("fails a changed digest of another tenant's event", async () => {
    const { segment } = await exported("d.json", "--tenant", "ten_a");
    const i = segment.entries.findIndex((e) => e.digest);
    segment.entries[i] = { ...segment.entries[i], digest: "0".repeat(64) };
    expect((await verifyEdited("digest.json", segment)).code).toBe(1);
  });

  it("fails a truncated segment: the last events removed, or the file cut short", async () => {
    const { segment, text } = await exported("tr.json");
    const res = await verifyEdited("truncated.json", { ...segment, entries: segment.entries.slice(0, -2) });
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/truncated/);
    const cut = path.join(dataDir, "cut.json");
    await fs.writeFile(cut, text.slice(0, Math.floor(text.length / 2)));
    const cutRes = await tessera("verify", "--file", cut, "--public-key", publicKey());
    expect(cutRes.code).toBe(1);
    expect(cutRes.out).toMatch(/not whole JSON/);
  });

  it("fails a reordered or a removed event", async () => {
    const { segment } = await exported("r.json");
    const swapped = [...segment.entries];
    [swapped[3], swapped[4]] = [swapped[4], swapped[3]];
    const res = await verifyEdited("reordered.json", { ...segment, entries: swapped });
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/out of order|missing/);
    const renumbered = swapped.map((e, i) => ({ ...e, seq: i + 1 }));
    expect((await verifyEdited("renumbered.json", { ...segment, entries: renumbered })).code).toBe(1);
    expect((await verifyEdited("removed.json", { ...segment, entries: segment.entries.filter((_, i) => i !== 5) })).out).toMatch(/event 6 is missing/);
  });

  it("fails a segment whose checkpoint was altered or signed by another key", async () => {
    const { segment } = await exported("k.json");
    const [h, p, s] = segment.end.split(".");
    const forged = Buffer.from(Buffer.from(p, "base64url").toString().replace(/"seq":\d+/, '"seq":17')).toString("base64url");
    const res = await verifyEdited("forged.json", { ...segment, end: `${h}.${forged}.${s}`, entries: segment.entries.slice(0, -1) });
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/end checkpoint is not signed by this public key/);
    const otherKey = await loadOrCreateCheckpointKey(path.join(dataDir, "other", "chain.key"));
    const file = path.join(dataDir, "k.json");
    const other = await tessera("verify", "--file", file, "--public-key", path.join(dataDir, "other", "checkpoint-public.jwk"));
    expect(otherKey.publicJwk.kid).toBeTruthy();
    expect(other.code).toBe(1);
  });

  it("verifies with the README's script alone (no Tessera code), which fails a tampered segment too", async () => {
    const readme = await fs.readFile(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### The audit log in the console"));
    const script = /```sh\nnode -e '\n([\s\S]*?)\n' segment\.json checkpoint-public\.jwk\n```/.exec(section)?.[1];
    expect(script, "the README's segment script").toBeTruthy();
    const { file, segment } = await exported("readme.json", "--tenant", "ten_a");
    const ok = await exec(process.execPath, ["-e", script!, file, publicKey()]);
    expect(ok.stdout).toMatch(/^segment ok: events 1-18, 6 in full/);
    const i = segment.entries.findIndex((e) => e.canonical);
    segment.entries[i] = { ...segment.entries[i], canonical: segment.entries[i].canonical!.replace('"n":0', '"n":5') };
    const bad = path.join(dataDir, "readme-bad.json");
    await fs.writeFile(bad, JSON.stringify(segment));
    await expect(exec(process.execPath, ["-e", script!, bad, publicKey()])).rejects.toThrow(/does NOT match its end checkpoint/);
  });

  it("refuses malformed filters with a sentence and exit code 2", async () => {
    const res = await tessera("export", "--out", path.join(dataDir, "x.json"), "--from", "yesterday");
    expect(res.code).toBe(2);
    expect(res.out).toMatch(/not valid: from/);
  });

  it("records the operator's verification of the stored chain", async () => {
    const res = await tessera("verify");
    expect(res.code).toBe(0);
    const latest = await client.json<{ latest: { by: string; ok: boolean; count: number; anchor: string } }>("GET", "/v1/chain/verifications/latest");
    expect(latest.body.latest).toMatchObject({ by: "operator", ok: true, count: 18, anchor: "held" });
    // The access service's own runs say what asked for them.
    await client.json("GET", "/v1/chain/verify?by=selfcheck");
    expect((await client.json<{ latest: { by: string } }>("GET", "/v1/chain/verifications/latest")).body.latest.by).toBe("selfcheck");
  });
});
