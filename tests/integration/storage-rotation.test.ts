// Storage key rotation from the console (issue 11 §3), over real mTLS against real PostgreSQL: a platform
// administrator starts a rotation of the keyring and every tenant's data key with 100 000 license keys; the
// access service that runs it is stopped mid-job and another started on the same database and keyring file,
// which resumes from the job's cursor; afterwards all 100 000 decrypt under the new keys, the old keyring
// version and the old data keys are refused, and a record left under an old version keeps the minimum down.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RotationsResponse, RewrapJobDto } from "../../contracts/storage-rotation-api";
import type { SecurityInventoryResponse } from "../../contracts/security-inventory-api";
import { digestLicenseKey, generateLicenseKey, openStoredLicenseKey, sealLicenseKey } from "../../services/access/domain/licenses/license-key";
import { newId } from "../../services/access/domain/secrets/ids";
import { RetiredKey } from "../../services/access/keys/retired-key";
import { runRewrapJob, startRewrapJob } from "../../services/access/keys/rewrap-job";
import { keyringFileVersions, KeyringError } from "../../services/access/keys/storage-keyring";
import { createDataKeyCache, openSealedBatch } from "../../services/access/keys/tenant-data-keys";
import { createLicenseCatalogue } from "../support/license-fixtures";
import { seedSealedLicenses } from "../support/sealed-license-fixtures";
import { openFactorSecret } from "../../services/access/domain/mfa/factor-secret";
import { enrolTotp, type EnrolledTotp } from "../support/mfa-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { createTestClock } from "../support/test-clock";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";

const total = 100_000;
const legacyRows = 100; // sealed under the keyring itself (the form before data keys): moved too
const tenants = 10;
const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), "rotation-"));
const keyringFile = path.join(keysDir, "storage-keyring.json");
const worker = { batchSize: 1_000, pollMs: 200, leaseMs: 10_000 };

let owner: AccessHarness; // owns the database and the CA; runs no rotation
let service: AccessHarness; // the access process that runs the job (replaced by a "restart")
let admin: SignedInPerson;
let acme: TenantWithPeople;
let totp: EnrolledTotp; // an authenticator enrolled before the rotation: its secret sits under the keyring itself
const old = { keyringCiphertext: { id: "", ciphertext: "" }, dataKeyCiphertext: { id: "", ciphertext: "" } };

const startProcess = () => startAccessService("storage_rotation", {}, { sameDatabaseAs: owner, keyringFile, rewrapWorker: worker });
const rotations = async (person: SignedInPerson = admin) => (await service.as("web")).json<RotationsResponse>("GET", "/v1/security/storage-rotations", undefined, authorization(person));
const startRotation = async (body: unknown, person: SignedInPerson = admin) => (await service.as("web")).json<RewrapJobDto & { reason?: string; detail?: string }>("POST", "/v1/security/storage-rotations", body, authorization(person));
const latestJob = async () => (await rotations()).body.jobs[0];

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 300_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every license key opens, under its own id, to the key its digest was made from. */
async function assertEveryLicenseKeyOpens(h: AccessHarness): Promise<Set<string>> {
  const under = new Set<string>();
  let after = "";
  let checked = 0;
  const cache = createDataKeyCache();
  for (;;) {
    const rows = await h.prisma.license.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: 10_000, select: { id: true, keyCiphertext: true, keyDigest: true } });
    if (rows.length === 0) break;
    const opened = await openSealedBatch(h.prisma, h.ctx.keyring, cache, rows.map((r) => ({ ciphertext: r.keyCiphertext, associatedData: `license:${r.id}` })));
    rows.forEach((r, i) => {
      const result = opened[i];
      if (!("plaintext" in result)) throw new Error(`license ${r.id} does not open: ${result.error.message}`);
      if (digestLicenseKey(h.ctx.keys.secretDigest, result.plaintext) !== r.keyDigest) throw new Error(`license ${r.id} opens to another key`);
      under.add(r.keyCiphertext.split(".")[0]);
    });
    checked += rows.length;
    after = rows[rows.length - 1].id;
  }
  expect(checked).toBe(total);
  return under;
}

beforeAll(async () => {
  owner = await startAccessService("storage_rotation", {}, { keyringFile });
  if (!owner.testDb.url) throw new Error("This test needs PostgreSQL (two access processes on one database).");
  admin = await createPlatformAdmin(owner);
  acme = await createTenantWithPeople(owner, { slug: "rotation-acme" });
  totp = await enrolTotp(owner, acme.people.tenant_admin, createTestClock());
  const catalogue = await createLicenseCatalogue(owner, "rot");
  const others = await Promise.all(
    Array.from({ length: tenants - 1 }, (_, i) => owner.prisma.tenant.create({ data: { id: newId("ten"), slug: `rotation-${i}`, name: `Rotation ${i}`, kind: "company" } })),
  );
  await seedSealedLicenses(owner, { count: total, underKeyring: legacyRows, tenantIds: [acme.tenant.id, ...others.map((t) => t.id)], componentId: catalogue.reports.id, tierId: catalogue.basic.id });
  // Copies of one ciphertext in each old form, kept to show that they are refused afterwards.
  const legacy = await owner.prisma.license.findFirstOrThrow({ where: { keyCiphertext: { startsWith: "k1." } } });
  const enveloped = await owner.prisma.license.findFirstOrThrow({ where: { keyCiphertext: { startsWith: "tdk_" } } });
  old.keyringCiphertext = { id: legacy.id, ciphertext: legacy.keyCiphertext };
  old.dataKeyCiphertext = { id: enveloped.id, ciphertext: enveloped.keyCiphertext };
  service = await startProcess();
}, 300_000);

afterAll(async () => {
  await service?.close();
  await owner?.close();
  fs.rmSync(keysDir, { recursive: true, force: true });
});

describe("who may rotate", () => {
  it("refuses tenant roles, components, a request without a session and a malformed or unconfirmed body, changing nothing", async () => {
    for (const person of Object.values(acme.people)) {
      expect((await startRotation({ confirm: "ROTATE" }, person)).status).toBe(403);
      expect((await rotations(person)).status).toBe(403);
    }
    const component = await service.as("rotation-component");
    expect((await component.json("POST", "/v1/security/storage-rotations", { confirm: "ROTATE" })).status).toBe(403);
    const web = await service.as("web");
    expect((await web.json("POST", "/v1/security/storage-rotations", { confirm: "ROTATE" })).status).toBe(401);
    for (const body of [{}, { confirm: "rotate" }, { confirm: "ROTATE", scope: "everything" }, "ROTATE"]) {
      const res = await startRotation(body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(await service.prisma.rewrapJob.count()).toBe(0);
    expect(keyringFileVersions(keyringFile).versions).toEqual([1]);
  });
});

describe("a rotation of 100 000 license keys, interrupted by a restart", () => {
  it("starts from the console, refuses a second one while it runs, resumes from its cursor after the restart and ends with every key under the new keys", async () => {
    const started = await startRotation({ confirm: "ROTATE" });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ state: "running", scope: "keyring+data-keys", fromVersion: 1, toVersion: 2, startedBy: expect.any(String) });
    const second = await startRotation({ confirm: "ROTATE" });
    expect(second.status).toBe(409);
    expect(second.body.detail).toMatch(/already running/);

    // Stop the process that runs it part-way: it finishes its batch and releases the lease.
    const midway = await until("a third of the job", latestJob, (j) => j.processed >= total / 3);
    expect(midway.total).toBe(total);
    expect(midway.progress.perSecond).toBeGreaterThan(0);
    await service.close();
    const stopped = await owner.prisma.rewrapJob.findUniqueOrThrow({ where: { id: started.body.id } });
    expect(stopped).toMatchObject({ state: "running", active: true, phase: "reseal", leaseOwner: null });
    expect(stopped.processed).toBeLessThan(total);
    expect(stopped.cursor).not.toBe("");

    // "Restart": a new access process on the same database and keyring file takes the job up from its cursor.
    service = await startProcess();
    const done = await until("the job to finish", latestJob, (j) => j.state !== "running");
    expect(done).toMatchObject({
      state: "completed",
      phase: "done",
      total,
      processed: total,
      rewrapped: total, // each row exactly once: none resealed twice across the restart, none missed
      failed: 0,
      resumes: 1,
      retiredDataKeys: tenants,
      remainingUnderOld: 0,
      minDecryptionVersion: 2,
      progress: { fraction: 1, etaSeconds: 0 },
    });
    expect(done.progress.perSecond).toBeGreaterThan(0);
    const row = await owner.prisma.rewrapJob.findUniqueOrThrow({ where: { id: started.body.id } });
    expect(row.processedAtResume).toBe(stopped.processed);

    // All 100 000 open, each to its own key, under the tenants' new live data keys only.
    const forms = await assertEveryLicenseKeyOpens(service);
    const live = new Set((await owner.prisma.tenantDataKey.findMany({ where: { live: true } })).map((k) => k.id));
    expect(live.size).toBe(tenants);
    expect([...forms].every((f) => live.has(f))).toBe(true);
    for (const key of await owner.prisma.tenantDataKey.findMany({ where: { live: true } })) expect(key.wrappedKey).toMatch(/^k2\./);
    expect(await owner.prisma.tenantDataKey.count({ where: { retiredByJob: started.body.id, wrappedKey: null, retiredAt: { not: null }, destroyedAt: null } })).toBe(tenants);

    // TOTP secrets are under the keyring itself: moved to k2 before the minimum was raised, and they still open.
    const factor = await owner.prisma.secondFactor.findUniqueOrThrow({ where: { id: totp.factorId }, select: { secretCiphertext: true } });
    expect(factor.secretCiphertext).toMatch(/^k2\./);
    expect(openFactorSecret(service.ctx.keyring, totp.factorId, factor.secretCiphertext!)).toBe(totp.secret);

    const listed = await rotations();
    expect(listed.body.keyring).toEqual({ currentVersion: 2, minDecryptionVersion: 2, versions: [1, 2], rotatable: true });
  }, 600_000);

  it("refuses what is still under the retired version or a retired data key, saying so", async () => {
    const keyring = service.ctx.keyring;
    expect(() => keyring.decrypt(old.keyringCiphertext.ciphertext, `license:${old.keyringCiphertext.id}`)).toThrow(KeyringError);
    for (const copy of [old.keyringCiphertext, old.dataKeyCiphertext]) {
      const opening = openStoredLicenseKey(service.prisma, keyring, createDataKeyCache(), copy.id, copy.ciphertext);
      await expect(opening).rejects.toBeInstanceOf(RetiredKey);
      await expect(opening).rejects.toThrow(/retired after a storage key rotation/);
    }
    const inventory = await (await service.as("web")).json<SecurityInventoryResponse>("GET", "/v1/security/inventory", undefined, authorization(admin));
    expect(inventory.body.storageVersions).toEqual([
      expect.objectContaining({ version: 2, current: true, retired: false, licenseKeys: 0, dataKeys: tenants, licenseKeysUnderDataKeys: total }),
      expect.objectContaining({ version: 1, current: false, retired: true, licenseKeys: 0, dataKeys: 0 }),
    ]);
    const storage = inventory.body.keys.filter((k) => k.purpose === "storage");
    expect(storage.find((k) => k.version === "k2")).toMatchObject({ current: true, createdAt: expect.any(String), lastRotatedAt: expect.any(String), ageDays: 0 });
    expect(storage.find((k) => k.version === "k1")?.note).toMatch(/retired: below the minimum decryption version k2/);
  });

  it("audited the start (by the administrator) and the end (with its resume)", async () => {
    const events = (await owner.prisma.outboxEvent.findMany({ orderBy: { createdAt: "asc" } }))
      .map((e) => e.payload as { action: string; outcome: string; actor: { type: string; id: string | null }; data: Record<string, unknown> })
      .filter((e) => e.action.startsWith("keyring.rewrap"));
    expect(events).toEqual([
      expect.objectContaining({ action: "keyring.rewrap_start", outcome: "success", actor: expect.objectContaining({ type: "user", id: admin.user.id }), data: { scope: "keyring+data-keys", fromVersion: 1, toVersion: 2, retireOld: true, stepUpFactor: "totp" } }), // every platform administrator has one
      expect.objectContaining({ action: "keyring.rewrap_finish", outcome: "success", data: expect.objectContaining({ total, rewrapped: total, failed: 0, resumes: 1, minDecryptionVersion: 2, remainingUnderOld: 0 }) }),
    ]);
  });

  it("keeps the minimum where it is while a record it cannot read remains under an older version, and names it", async () => {
    // A license key under version 2 bound to another record: it cannot be opened, so it is never silently resealed or lost.
    const [target] = await owner.prisma.license.findMany({ take: 1, orderBy: { id: "asc" } });
    const misplaced = sealLicenseKey(service.ctx.keyring, "lic_someone-else", generateLicenseKey());
    await owner.prisma.license.update({ where: { id: target.id }, data: { keyCiphertext: misplaced } });
    const started = await startRotation({ confirm: "ROTATE" });
    expect(started.status).toBe(202);
    const done = await until("the second job", latestJob, (j) => j.id === started.body.id && j.state !== "running");
    expect(done).toMatchObject({ state: "completed", fromVersion: 2, toVersion: 3, failed: 1, remainingUnderOld: 1, minDecryptionVersion: null, rewrapped: total - 1 });
    expect(keyringFileVersions(keyringFile)).toEqual({ current: 3, versions: [1, 2, 3], minDecryptionVersion: 2 });
    expect((await owner.prisma.license.findUniqueOrThrow({ where: { id: target.id } })).keyCiphertext).toBe(misplaced);
    const job = await owner.prisma.rewrapJob.findUniqueOrThrow({ where: { id: started.body.id } });
    expect(job.failedIds).toEqual([target.id]);
    const finish = (await owner.prisma.outboxEvent.findMany()).map((e) => e.payload as { action: string; outcome: string; data: Record<string, unknown> }).filter((e) => e.action === "keyring.rewrap_finish");
    expect(finish.at(-1)).toMatchObject({ outcome: "failure", data: expect.objectContaining({ failedLicenseIds: [target.id], remainingUnderOld: 1 }) });
  }, 600_000);
});

describe("one process at a time", () => {
  it("leaves a job whose lease another process holds, and takes it over once that lease has expired (a process that died)", async () => {
    const control = { keyring: service.ctx.keyring, file: keyringFile };
    await service.close(); // its worker would take the job itself
    const job = await startRewrapJob(owner.prisma, control, { scope: "keyring", rotate: false, retireOld: false, actor: { type: "operator", id: "tester", label: "test" }, requestId: null, sourceIp: null });
    await owner.prisma.$executeRaw`update rewrap_jobs set lease_owner = 'crashed-process', lease_until = now() + interval '1 hour', phase = 'reseal' where id = ${job.id}`;
    expect(await runRewrapJob(owner.prisma, control, job.id, { owner: "second-process" })).toBe("not-claimed");
    expect(await owner.prisma.rewrapJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ leaseOwner: "crashed-process", state: "running", processed: 0 });
    await owner.prisma.$executeRaw`update rewrap_jobs set lease_until = now() - interval '1 second' where id = ${job.id}`;
    expect(await runRewrapJob(owner.prisma, control, job.id, { owner: "second-process" })).toBe("finished");
    expect(await owner.prisma.rewrapJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ state: "completed", resumes: 1, leaseOwner: null, active: null });
    service = await startProcess();
  }, 120_000);
});
