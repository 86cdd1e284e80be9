// Online rotation of the storage keyring: `tessera keys rotate` adds a version, `tessera keys reencrypt`
// rewraps the tenants' data keys under it and moves every license key still under the keyring itself
// (the form before data keys) under its tenant's data key, in batches, resumably, without touching what it
// cannot read.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../services/common/db/open-database";
import { digestLicenseKey, generateLicenseKey, openStoredLicenseKey, sealLicenseKey } from "../../services/access/domain/licenses/license-key";
import { createDataKeyCache } from "../../services/access/keys/tenant-data-keys";
import { newId } from "../../services/access/domain/secrets/ids";
import { loadOrCreateKey } from "../../services/access/keys/key-files";
import { reencryptLicenseKeys } from "../../services/access/keys/reencrypt-license-keys";
import { createKeyring, loadKeyring, loadOrCreateKeyring } from "../../services/access/keys/storage-keyring";
import { accessCli } from "../support/access-cli";
import { createTenant, openImportDatabase, seedCatalogue } from "../support/import-fixtures";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "tkh-"));
let db: Awaited<ReturnType<typeof openImportDatabase>>;
let keyringFile: string;
let digestKey: Buffer;
let tessera: ReturnType<typeof accessCli>;
const plaintexts = new Map<string, string>();

async function addLicenses(count: number, ciphertext?: (id: string, key: string) => string) {
  const tenant = await createTenant(db.prisma, `t-${plaintexts.size}-${count}`);
  const { standard, components } = await db.prisma.serviceTier.findUniqueOrThrow({ where: { key: "standard" } }).then(async (standard) => ({
    standard,
    components: await db.prisma.component.findMany(),
  }));
  const keyring = loadKeyring(keyringFile);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId("lic");
    const key = generateLicenseKey();
    await db.prisma.license.create({
      data: {
        id,
        tenantId: tenant.id,
        holderKind: "person",
        holderName: `holder-${i}`,
        componentId: components[i % components.length].id,
        tierId: standard.id,
        seats: 1,
        startsAt: new Date(),
        endsAt: new Date(Date.now() + 86_400_000),
        status: "expired",
        keyCiphertext: ciphertext ? ciphertext(id, key) : sealLicenseKey(keyring, id, key),
        keyDigest: digestLicenseKey(digestKey, key),
      },
    });
    plaintexts.set(id, key);
    ids.push(id);
  }
  return ids;
}

/** Each license key's form: "k<version>" under the keyring itself, "data-key" under its tenant's data key. */
const versions = async () =>
  (await db.prisma.license.findMany({ select: { keyCiphertext: true } })).map((l) => (l.keyCiphertext.startsWith("tdk_") ? "data-key" : l.keyCiphertext.split(".")[0])).sort();

beforeAll(async () => {
  db = await openImportDatabase("keyring");
  keyringFile = path.join(db.dataDir, "keys", "storage-keyring.json");
  loadOrCreateKeyring(keyringFile);
  digestKey = loadOrCreateKey(path.join(db.dataDir, "keys", "secret-digest.key"));
  await seedCatalogue(db.prisma);
  tessera = accessCli({ home, dataDir: db.dataDir, databaseUrl: db.url });
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe("tessera keys", () => {
  it("rotates: a new current version, old versions kept, audited; re-encrypts in batches with progress; a re-run has nothing to do", async () => {
    await addLicenses(7);
    const before = await db.prisma.license.findMany({ select: { id: true, updatedAt: true } });

    const rotated = await db.whileClosed(() => tessera("keys", "rotate"));
    expect(rotated, rotated.err).toMatchObject({ code: 0 });
    expect(rotated.out).toMatch(/added key version 2 and made it current \(was 1\)/);
    expect(JSON.parse(fs.readFileSync(keyringFile, "utf8"))).toMatchObject({ current: 2, keys: { "1": expect.any(String), "2": expect.any(String) } });
    expect(fs.statSync(keyringFile).mode & 0o777).toBe(0o600);
    expect(await versions()).toEqual(Array(7).fill("k1"));

    const status = await db.whileClosed(() => tessera("keys", "status"));
    expect(status.out).toMatch(/versions 1, 2; current 2/);
    expect(status.out).toMatch(/k1\s+7 license key/);

    const run = await db.whileClosed(() => tessera("keys", "reencrypt", "--batch", "3"));
    expect(run, run.err).toMatchObject({ code: 0 });
    expect(run.out).toMatch(/3\/7 checked, 3 re-encrypted[\s\S]*6\/7 checked[\s\S]*7\/7 checked, 7 re-encrypted/);
    expect(run.out).toMatch(/Done: 7 re-encrypted under their tenant's data key, 0 data key\(s\) rewrapped to version 2\./);
    expect(await versions()).toEqual(Array(7).fill("data-key"));
    const [dataKey] = await db.prisma.tenantDataKey.findMany();
    expect(dataKey.wrappedKey).toMatch(/^k2\./);

    const keyring = loadKeyring(keyringFile);
    for (const l of await db.prisma.license.findMany()) expect(await openStoredLicenseKey(db.prisma, keyring, createDataKeyCache(), l.id, l.keyCiphertext)).toBe(plaintexts.get(l.id));
    // Re-encryption is not a change of the license.
    const after = new Map((await db.prisma.license.findMany({ select: { id: true, updatedAt: true } })).map((l) => [l.id, l.updatedAt.getTime()]));
    for (const l of before) expect(after.get(l.id)).toBe(l.updatedAt.getTime());

    const again = await db.whileClosed(() => tessera("keys", "reencrypt"));
    expect(again.out).toMatch(/Done: 0 re-encrypted/);
    const byForm = await db.whileClosed(() => tessera("keys", "status"));
    expect(byForm.out).toMatch(/data-key\s+7 license key/);

    const actions = (await db.prisma.outboxEvent.findMany()).map((e) => e.payload as { action: string; actor: { type: string }; data: Record<string, unknown> });
    expect(actions.filter((e) => e.action.startsWith("keyring."))).toEqual([
      expect.objectContaining({ action: "keyring.rotate", actor: expect.objectContaining({ type: "operator" }), data: { previousVersion: 1, currentVersion: 2 } }),
      expect.objectContaining({ action: "keyring.rewrap_start", actor: expect.objectContaining({ type: "operator" }), data: { scope: "keyring", fromVersion: 2, toVersion: 2, retireOld: false } }),
      expect.objectContaining({ action: "keyring.rewrap_finish", outcome: "success", data: expect.objectContaining({ toVersion: 2, total: 7, rewrapped: 7, failed: 0, minDecryptionVersion: null }) }),
      // The re-run: a job with nothing to do, audited as one.
      expect.objectContaining({ action: "keyring.rewrap_start" }),
      expect.objectContaining({ action: "keyring.rewrap_finish", data: expect.objectContaining({ total: 0, rewrapped: 0 }) }),
    ]);
  });

  it("is safe to interrupt and re-run, and names rows it cannot read instead of touching them", async () => {
    await db.whileClosed(() => tessera("keys", "rotate"));
    const keyring = loadKeyring(keyringFile);
    expect(keyring.currentVersion).toBe(3);
    const stray = createKeyring(9, new Map([[9, Buffer.alloc(32, 9)]]));
    const [unreadable] = await addLicenses(1, (id, key) => stray.encrypt(key, `license:${id}`));
    const v1 = createKeyring(1, new Map([[1, Buffer.from(JSON.parse(fs.readFileSync(keyringFile, "utf8")).keys["1"], "base64")]]));
    const [moved] = await addLicenses(1, (_id, key) => sealLicenseKey(v1, "lic_someone-else", key));
    const legacy = await addLicenses(4, (id, key) => sealLicenseKey(v1, id, key)); // readable, under the keyring itself
    const legacyBefore = (await versions()).filter((v) => v !== "data-key").length;
    expect(legacyBefore).toBe(6);

    const actor = { type: "operator" as const, id: "tester", label: "test" };
    const interrupted = reencryptLicenseKeys(db.prisma, keyring, {
      batchSize: 2,
      actor,
      onProgress: () => {
        throw new Error("interrupted");
      },
    });
    await expect(interrupted).rejects.toThrow("interrupted");
    // The data key made under version 2 was rewrapped under 3 before any license row was read (and any new one is made under 3).
    expect(new Set((await db.prisma.tenantDataKey.findMany()).map((k) => k.wrappedKey!.split(".")[0]))).toEqual(new Set(["k3"]));
    // Exactly the first batch (2 of the rows under the keyring, in id order) was processed; of those, only readable rows moved.
    const underKeyring = [unreadable, moved, ...legacy].sort();
    const readableInFirstBatch = underKeyring.slice(0, 2).filter((id) => legacy.includes(id)).length;
    expect((await versions()).filter((v) => v !== "data-key").length).toBe(legacyBefore - readableInFirstBatch);

    const result = await reencryptLicenseKeys(db.prisma, keyring, { batchSize: 2, actor });
    expect(result.reencrypted).toBe(4 - readableInFirstBatch);
    expect(result.rewrappedDataKeys).toBe(0);
    for (const l of await db.prisma.license.findMany({ where: { id: { in: legacy } } })) {
      expect(await openStoredLicenseKey(db.prisma, keyring, createDataKeyCache(), l.id, l.keyCiphertext)).toBe(plaintexts.get(l.id));
    }
    expect(result.failed.map((f) => f.licenseId).sort()).toEqual([unreadable, moved].sort());
    expect(result.failed.find((f) => f.licenseId === unreadable)!.reason).toMatch(/storage key version 9 is not in the keyring/);
    expect(result.failed.find((f) => f.licenseId === moved)!.reason).toMatch(/failed authentication/);
    const rows = await db.prisma.license.findMany({ where: { id: { in: [unreadable, moved] } } });
    expect(rows.map((r) => r.keyCiphertext.split(".")[0]).sort()).toEqual(["k1", "k9"]); // untouched

    const cli = await db.whileClosed(() => tessera("keys", "reencrypt"));
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(`license ${unreadable}: storage key version 9 is not in the keyring`);
  });

  it("refuses, saying what to do, while the access service holds its embedded database", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tke-"));
    loadOrCreateKeyring(path.join(dataDir, "keys", "storage-keyring.json"));
    loadOrCreateKey(path.join(dataDir, "keys", "secret-digest.key"));
    const embedded = await openDatabase({ embeddedDir: path.join(dataDir, "db") });
    try {
      const res = await accessCli({ home, dataDir })("keys", "reencrypt");
      expect(res.code).toBe(1);
      expect(res.err).toMatch(/access service is running on its embedded database.*Stop the access service.*ACCESS_DATABASE_URL/);
    } finally {
      await embedded.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses to work without the service's keys instead of creating new ones", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tkn-"));
    const res = await accessCli({ home, dataDir })("keys", "rotate");
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/No storage keyring at .*Start the access service once/);
    expect(fs.existsSync(path.join(dataDir, "keys"))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
