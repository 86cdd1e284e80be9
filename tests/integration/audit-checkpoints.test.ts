// Anchoring the audit chain's end: the service signs checkpoints of the head after appends and keeps
// them outside its database; `tessera audit verify` checks the chain up to the anchored head. Deleting
// the newest events in SQL (triggers bypassed, as a superuser could) leaves a chain that still verifies
// link by link — and verify names the events that are gone; refilling the gap is found as a change.
import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { compactVerify, importJWK } from "jose";
import pg from "pg";
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
let url: string;
const clients: ReturnType<typeof createMtlsClient>[] = [];

beforeAll(async () => {
  pki = await createTestPki();
  testDb = await createTestDatabase("audit_checkpoints");
  db = await openDatabase({ url: testDb.url, embeddedDir: testDb.embeddedDir });
  await migrate(db.connectionString, auditMigrationsDir);
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "audit-checkpoints-"));
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
    // A long interval: the test says when to write (flush), so nothing depends on timing.
    checkpoints: { key: await loadOrCreateCheckpointKey(chainKeyFile), file: checkpointsFile(dataDir), intervalMs: 3_600_000 },
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  url = `https://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  for (const identity of ["access", "web", "operator"]) await pki.issue(identity);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await app?.close();
  await db?.close();
  await testDb?.drop();
  await pki?.remove();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

async function as(identity: string) {
  const client = createMtlsClient(url, await pki.client(identity));
  clients.push(client);
  return client;
}

const event = (i: number): AuditEvent => ({
  id: randomUUID(),
  occurredAt: new Date().toISOString(),
  action: "license.revoke",
  outcome: "success",
  actor: { type: "user", id: "usr_1", label: "admin@example.com" },
  target: { type: "license", id: `lic_${i}` },
  tenantId: "ten_a",
  sourceIp: "192.0.2.10",
  requestId: `req-${i}`,
  data: { n: i },
});

async function append(from: number, count: number) {
  const access = await as("access");
  const res = await access.json("POST", "/v1/events", { events: Array.from({ length: count }, (_, i) => event(from + i)) });
  expect(res.status).toBe(200);
}

/** `tessera audit verify` as the operator runs it on the audit host, with the audit service's configuration. */
async function verify(...extra: string[]): Promise<{ code: number; out: string }> {
  const env: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", TESSERA_HOME: dataDir, AUDIT_DATA_DIR: dataDir, AUDIT_CHAIN_KEY_FILE: chainKeyFile, AUDIT_DATABASE_URL: testDb.url ?? "" };
  return exec(process.execPath, [path.resolve(import.meta.dirname, "../../cli/tessera.js"), "audit", "verify", ...extra], { env }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

/** Deletes events as a database superuser can: with the append-only triggers bypassed. */
async function deleteNewest(fromSeq: number) {
  const client = new pg.Client({ connectionString: testDb.url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica");
    await client.query("DELETE FROM audit_events WHERE seq >= $1", [fromSeq]);
  } finally {
    await client.end();
  }
}

describe("audit checkpoints", () => {
  it("signs the head after appends and serves it with its public key", async () => {
    await append(1, 10);
    await app.checkpointWriter!.flush();
    const lines = (await fs.readFile(checkpointsFile(dataDir), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(1);
    const served = await (await as("operator")).json<{ checkpoint: string; publicKey: { kid: string; kty: string; crv: string; x: string } }>("GET", "/v1/chain/checkpoint");
    expect(served.status).toBe(200);
    expect(served.body.checkpoint).toBe(lines[0]);
    // Anyone can check it with the published key alone.
    const { payload, protectedHeader } = await compactVerify(served.body.checkpoint, await importJWK(served.body.publicKey, "EdDSA"));
    expect(protectedHeader).toMatchObject({ alg: "EdDSA", kid: served.body.publicKey.kid });
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ v: 1, seq: 10 });
    // Nothing new, nothing written; new events, a new checkpoint.
    await app.checkpointWriter!.flush();
    await append(11, 2);
    await app.checkpointWriter!.flush();
    expect((await fs.readFile(checkpointsFile(dataDir), "utf8")).trim().split("\n")).toHaveLength(2);
  });

  it("verify passes on an untouched chain", async () => {
    const res = await verify();
    expect(res).toMatchObject({ code: 0 });
    expect(res.out).toMatch(/12 events, every MAC intact/);
    expect(res.out).toMatch(/Anchored: the newest checkpoint \(seq 12/);
  });

  it("finds the newest events deleted in SQL, naming them, where the MAC chain alone does not", async () => {
    await deleteNewest(10);
    const chainOnly = await (await as("operator")).json<{ ok: boolean; count: number }>("GET", "/v1/chain/verify");
    expect(chainOnly.body).toMatchObject({ ok: true, count: 9 });
    const res = await verify();
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/9 events, every MAC intact/);
    expect(res.out).toMatch(/MISSING: the newest checkpoint \(seq 12, signed .*\) anchors seq 12, but the chain ends at seq 9: events 10–12 \(3\) are gone/);
    // The service writes no checkpoint that would anchor the shortened chain.
    await app.checkpointWriter!.flush();
    expect((await fs.readFile(checkpointsFile(dataDir), "utf8")).trim().split("\n")).toHaveLength(2);
  });

  it("finds the gap refilled with other events as a change, though the chain verifies again", async () => {
    await append(100, 3);
    const chainOnly = await (await as("operator")).json<{ ok: boolean; count: number }>("GET", "/v1/chain/verify");
    expect(chainOnly.body).toMatchObject({ ok: true, count: 12 });
    const res = await verify();
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/CHANGED: the chain's event 12 is not the one the newest checkpoint \(seq 12/);
  });

  it("refuses a checkpoint that does not verify with the given public key", async () => {
    const other = path.join(dataDir, "other-key");
    const key = await loadOrCreateCheckpointKey(path.join(other, "chain.key"));
    await fs.writeFile(path.join(other, "public.jwk"), JSON.stringify(key.publicJwk));
    const res = await verify("--public-key", path.join(other, "public.jwk"));
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/does not verify/);
  });

  // Last, because the refusal is itself an event of the chain (the audit service audits its own refusals).
  it("serves the checkpoint to readers only", async () => {
    expect((await (await as("web")).json("GET", "/v1/chain/checkpoint")).status).toBe(403);
  });
});
