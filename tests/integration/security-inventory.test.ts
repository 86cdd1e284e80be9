// The Security page's inventory against a real access service with real keys and certificates: the key
// inventory by purpose with its TTLs and what each storage version still protects (license keys under the
// keyring itself and under tenants' data keys), the CA's certificates with their states, the peers connected
// now — for platform administrators only, refused to every other role, to components and without a client
// certificate, and never carrying a byte of key material.
import { randomBytes, X509Certificate } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SecurityInventoryResponse } from "../../contracts/security-inventory-api";
import { keyTtlDays } from "../../contracts/security-inventory-api";
import { loadSigningKeys, signingKeyFile } from "../../services/access/keys/signing-keys";
import { createKeyring, type StorageKeyring } from "../../services/access/keys/storage-keyring";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { createLicenseCatalogue, createLicenseViaApi, insertLicenseRow } from "../support/license-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { createTestClock } from "../support/test-clock";

const day = 86_400_000;
const clock = createTestClock();
let h: AccessHarness;
let admin: SignedInPerson;
let company: TenantWithPeople;
const secrets: string[] = [];
let webSerial: string;
let revokedSerial: string;
let expiredSerial: string;

/** Every way a key might be written out: base64, base64url and hex. */
const encodings = (key: Buffer) => [key.toString("base64"), key.toString("base64url"), key.toString("hex")];

beforeAll(async () => {
  h = await startAccessService("security_inventory", {}, { now: clock.now });
  admin = await createPlatformAdmin(h);
  company = await createTenantWithPeople(h, { slug: "inventory-co" });
  const catalogue = await createLicenseCatalogue(h, "inv");
  const license = { tenantId: company.tenant.id, componentId: catalogue.reports.id, tierId: catalogue.basic.id };
  // Two license keys sealed under keyring version 1 itself (the older form) and one under the tenant's data key.
  secrets.push((await insertLicenseRow(h, license)).key, (await insertLicenseRow(h, { ...license, componentId: catalogue.etl.id })).key);
  await createLicenseViaApi(h, admin, { ...license, holder: { kind: "person", name: "Api Holder" } });

  // A rotation: version 2 becomes current (version 1 still reads), and one more license key is sealed under it.
  const second = randomBytes(32);
  secrets.push(...encodings(second), ...encodings(h.ctx.keys.secretDigest));
  const v1 = h.ctx.keyring;
  const v2 = createKeyring(2, new Map([[2, second]]));
  const rotated: StorageKeyring = {
    currentVersion: 2,
    versions: [1, 2],
    encrypt: (p, ad) => v2.encrypt(p, ad),
    decrypt: (c, ad) => (v1.versionOf(c) === 1 ? v1.decrypt(c, ad) : v2.decrypt(c, ad)),
    versionOf: v1.versionOf,
    minDecryptionVersion: 1,
    createdAt: () => null,
    refresh: () => undefined,
  };
  h.ctx.keyring = rotated;
  secrets.push((await insertLicenseRow(h, { ...license, tierId: catalogue.pro.id, holder: { kind: "person", name: "After Rotation" } })).key);
  for (const row of await h.prisma.license.findMany({ select: { keyCiphertext: true } })) secrets.push(row.keyCiphertext);
  for (const row of await h.prisma.tenantDataKey.findMany({ select: { wrappedKey: true } })) secrets.push(row.wrappedKey!);

  // The license-signing ring, and its private key as it is on disk.
  await loadSigningKeys(h.ctx.keysDir);
  const stored = JSON.parse(fs.readFileSync(signingKeyFile(h.ctx.keysDir), "utf8")) as { keys: { privateJwk: { d: string } }[] };
  secrets.push(...stored.keys.map((k) => k.privateJwk.d));
  // Transport keys on disk: the access service's own and the web tier's.
  secrets.push(fs.readFileSync(h.pki.tlsFiles("access", "server").keyFile, "utf8").split("\n").slice(1, 3).join(""));

  // The web tier's client certificate, issued once by the harness with its first client.
  await h.as("web");
  webSerial = new X509Certificate(fs.readFileSync(h.pki.tlsFiles("web", "client").certFile, "utf8")).serialNumber.toLowerCase();
  revokedSerial = (await h.pki.issueOne("shunned-node", "client")).serial;
  await h.pki.revoke("shunned-node");
  expiredSerial = (await h.pki.issueOne("old-node", "client", { notBefore: new Date(Date.now() - 3 * day), notAfter: new Date(Date.now() - day) })).serial;
});
afterAll(async () => h?.close());

const inventory = async (person: SignedInPerson) => (await h.as("web")).json<SecurityInventoryResponse>("GET", "/v1/security/inventory", undefined, authorization(person));

describe("who may read it", () => {
  it("refuses every role but platform administrators, and components", async () => {
    for (const person of Object.values(company.people)) expect((await inventory(person)).status).toBe(403);
    const component = await h.as("inventory-component");
    expect((await component.json("GET", "/v1/security/inventory")).status).toBe(403);
  });

  it("refuses a connection without a client certificate", async () => {
    const bare = createMtlsClient(h.url, { ca: (await h.pki.client("web")).ca } as never);
    await expect(bare.json("GET", "/v1/security/inventory", undefined, authorization(admin))).rejects.toThrow();
    await bare.close();
  });
});

describe("keys", () => {
  it("lists each purpose with its TTL, and what each storage version still protects", async () => {
    const res = await inventory(admin);
    expect(res.status).toBe(200);
    const purposes = new Set(res.body.keys.map((k) => k.purpose));
    expect([...purposes].sort()).toEqual(["audit-chain", "digest", "signing", "storage", "tenant-data", "transport"]);
    for (const k of res.body.keys) expect(k.ttlDays).toBe(keyTtlDays[k.purpose]);
    expect(res.body.keys.filter((k) => k.purpose === "storage").map((k) => [k.version, k.current])).toEqual([["k2", true], ["k1", false]]);
    expect(res.body.storageVersions).toEqual([
      { version: 2, current: true, retired: false, licenseKeys: 1, dataKeys: 0, licenseKeysUnderDataKeys: 0 },
      { version: 1, current: false, retired: false, licenseKeys: 2, dataKeys: 1, licenseKeysUnderDataKeys: 1 },
    ]);
    expect(res.body.dataKeys).toMatchObject({ live: 1, destroyed: 0, overdue: 0 });
    const ring = await loadSigningKeys(h.ctx.keysDir);
    expect(res.body.keys.find((k) => k.purpose === "signing")).toMatchObject({ version: ring.current.kid, current: true, ageDays: 0, overdue: false });
    const transport = res.body.keys.find((k) => k.purpose === "transport")!;
    const served = new X509Certificate(fs.readFileSync(h.pki.tlsFiles("access", "server").certFile, "utf8"));
    expect(transport).toMatchObject({ version: served.serialNumber.toLowerCase(), current: true, overdue: false, lastRotatedAt: new Date(served.validFrom).toISOString() });
  });

  it("says overdue once a current key is older than its purpose's TTL, and only then", async () => {
    clock.advance((keyTtlDays.signing + 1) * day);
    try {
      const res = await inventory(admin);
      const signing = res.body.keys.find((k) => k.purpose === "signing")!;
      expect(signing).toMatchObject({ overdue: true, ageDays: keyTtlDays.signing + 1 });
      // 91 days is within the storage keys' 365: the data key is not overdue yet.
      expect(res.body.keys.find((k) => k.purpose === "tenant-data")).toMatchObject({ overdue: false });
      expect(res.body.dataKeys.overdue).toBe(0);
    } finally {
      clock.advance(-(keyTtlDays.signing + 1) * day);
    }
  });

  it("never carries key material: no key, ciphertext, wrapped key or license key appears in the answer", async () => {
    const text = JSON.stringify((await inventory(admin)).body);
    expect(secrets.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"(d|privateJwk|wrappedKey|keyCiphertext)"/);
  });
});

describe("certificates", () => {
  it("lists every identity's certificates from the CA's index with their state now", async () => {
    const res = await inventory(admin);
    const rows = res.body.certificates.rows!;
    expect(res.body.certificates.unavailable).toBeNull();
    const bySerial = new Map(rows.map((r) => [r.serial, r]));
    expect(bySerial.get(webSerial.replace(/^0+/, ""))).toMatchObject({ identity: "web", usage: "client", state: "valid", revokedAt: null });
    expect(bySerial.get(revokedSerial.replace(/^0+/, ""))).toMatchObject({ identity: "shunned-node", state: "revoked" });
    expect(bySerial.get(revokedSerial.replace(/^0+/, ""))!.revokedAt).not.toBeNull();
    expect(bySerial.get(expiredSerial.replace(/^0+/, ""))).toMatchObject({ identity: "old-node", state: "expired" });
    expect(rows.filter((r) => r.identity === "access").map((r) => r.usage).sort()).toEqual(["client", "server"]);
  });

  it("shows which certificate each connected peer presents now", async () => {
    const res = await inventory(admin);
    const web = res.body.connections.live.find((p) => p.identity === "web");
    expect(web).toMatchObject({ serial: webSerial.replace(/^0+/, "") });
    expect(web!.connections).toBeGreaterThanOrEqual(1);
    expect(res.body.connections.live.some((p) => p.identity === "shunned-node")).toBe(false);
    expect(res.body.connections.lastSeen.some((p) => p.identity === "inventory-component")).toBe(true);
  });

  it("says why when the index cannot be read, and still answers the keys", async () => {
    const index = h.pki.files.index;
    const moved = path.join(path.dirname(index), "index.moved.json");
    fs.renameSync(index, moved);
    try {
      const res = await inventory(admin);
      expect(res.status).toBe(200);
      expect(res.body.certificates).toEqual({ rows: null, unavailable: expect.stringContaining("not been written") });
      expect(res.body.keys.length).toBeGreaterThan(0);
    } finally {
      fs.renameSync(moved, index);
    }
  });
});
