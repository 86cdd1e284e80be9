// Importing the Django system's licenses: CSVs written by Python exactly as the Django app exports them,
// decrypted with the Fernet key, re-encrypted under the keyring; all or nothing; a second run adds nothing.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFernetKey, parseFernetKey } from "../../services/access/domain/crypto/fernet";
import { parseDjangoLicenseCsv } from "../../services/access/domain/imports/django-license-csv";
import { importDjangoLicenses, type ImportResult } from "../../services/access/domain/imports/import-django-licenses";
import { digestLicenseKey, openStoredLicenseKey } from "../../services/access/domain/licenses/license-key";
import { createDataKeyCache } from "../../services/access/keys/tenant-data-keys";
import { createKeyring } from "../../services/access/keys/storage-keyring";
import { createTenant, makeDjangoExport, openImportDatabase, seedCatalogue, type DjangoRow } from "../support/import-fixtures";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dj-"));
const keyring = createKeyring(1, new Map([[1, randomBytes(32)]]));
const digestKey = randomBytes(32);
const actor = { type: "operator" as const, id: "tester", label: "import test" };
const now = new Date("2026-11-23T12:00:00Z");
const nowSeconds = Math.floor(now.getTime() / 1000);
let db: Awaited<ReturnType<typeof openImportDatabase>>;

beforeAll(async () => {
  db = await openImportDatabase("import");
  await seedCatalogue(db.prisma);
  for (const slug of ["north-district", "second-run", "wrong-key", "corrupt", "conflict", "renewals", "checked", "paused", "paused-sync"]) await createTenant(db.prisma, slug);
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const deps = () => ({ prisma: db.prisma, keyring, digestKey });
const runImport = (csvFile: string, keyFile: string, tenantSlug: string, extra: { dryRun?: boolean; tierKey?: string } = {}) =>
  importDjangoLicenses(deps(), parseDjangoLicenseCsv(fs.readFileSync(csvFile, "utf8")), {
    tenantSlug,
    tierKey: extra.tierKey ?? "standard",
    fernetKey: parseFernetKey(fs.readFileSync(keyFile, "utf8")),
    actor,
    now,
    dryRun: extra.dryRun,
  });
const problemsOf = (r: ImportResult) => (r.ok ? [] : r.problems.map((p) => `line ${p.line} ${p.uniqueId}: ${p.message}`));
const countFor = (tenantSlug: string) => db.prisma.license.count({ where: { tenant: { slug: tenantSlug } } });

const rows: DjangoRow[] = [
  { id: 1, username: "alice", application: "reports", unique_id: "u-0001", license: "LIC-ALICE-REPORTS-2031", active: true, expiration_date: "2031-01-31", encrypted_at: nowSeconds - 400 * 86400 },
  { id: 2, username: "bob", application: "etl", unique_id: "u-0002", license: "LIC, \"quoted\" — ünïcødé", active: false, expiration_date: "2030-06-30" },
  { id: 3, username: "carol", application: "reports", unique_id: "u-0003", license: "LIC-CAROL-OLD", active: true, expiration_date: "2024-01-01", form: "token" },
  { id: 4, username: "dave", application: "surveys", unique_id: "u-0004", license: "LIC-DAVE", active: true, expiration_date: "2029-12-31 18:30:00+00:00" },
];

describe("import django-licenses", () => {
  it("imports every row: key re-encrypted under the keyring, status and term mapped, each audited without the key", async () => {
    const { csvFile, keyFile } = makeDjangoExport(dir, "licenses.csv", rows);
    expect(fs.readFileSync(csvFile, "utf8")).toMatch(/^id,username,application,unique_id,license,active,expiration_date\r\n1,alice,reports,u-0001,Z0FBQUFB/);

    const dry = await runImport(csvFile, keyFile, "north-district", { dryRun: true });
    expect(dry.ok && dry.rows.map((r) => r.outcome)).toEqual(["would-import", "would-import", "would-import", "would-import"]);
    expect(await countFor("north-district")).toBe(0);

    const result = await runImport(csvFile, keyFile, "north-district");
    expect(problemsOf(result)).toEqual([]);
    if (!result.ok) return;
    expect(result.imported).toBe(4);
    expect(result.rows.map((r) => [r.line, r.uniqueId, r.outcome, r.status])).toEqual([
      [2, "u-0001", "imported", "active"],
      [3, "u-0002", "imported", "suspended"],
      [4, "u-0003", "imported", "expired"],
      [5, "u-0004", "imported", "active"],
    ]);
    expect(result.rows[2].detail).toMatch(/key from fernet-token/);
    expect(result.rows[0].detail).toMatch(/key from base64-of-fernet-token/);

    const licenses = await db.prisma.license.findMany({ where: { tenant: { slug: "north-district" } }, include: { component: true, tier: true } });
    const bySource = new Map(licenses.map((l) => [l.importSource, l]));
    for (const row of rows) {
      const license = bySource.get(`django:${row.unique_id}`)!;
      expect(license.component.key).toBe(row.application);
      expect(license.tier.key).toBe("standard");
      expect(license.seats).toBe(25);
      // Under the district's data key (itself wrapped by the keyring), like every new license key.
      const dataKey = await db.prisma.tenantDataKey.findFirstOrThrow({ where: { tenantId: license.tenantId, live: true } });
      expect(license.keyCiphertext.startsWith(`${dataKey.id}.`)).toBe(true);
      expect(dataKey.wrappedKey).toMatch(/^k1\./);
      expect(license.keyCiphertext).not.toContain(row.license);
      expect(await openStoredLicenseKey(db.prisma, keyring, createDataKeyCache(), license.id, license.keyCiphertext)).toBe(row.license);
      expect(license.keyDigest).toBe(digestLicenseKey(digestKey, row.license));
    }
    const alice = bySource.get("django:u-0001")!;
    expect(alice.endsAt.toISOString()).toBe("2031-02-01T00:00:00.000Z"); // valid through 31 January
    expect(alice.startsAt.getTime()).toBe((nowSeconds - 400 * 86400) * 1000); // the Django row's last save
    expect(bySource.get("django:u-0004")!.endsAt.toISOString()).toBe("2029-12-31T18:30:00.000Z");
    const carol = bySource.get("django:u-0003")!;
    expect(carol.startsAt.getTime()).toBeLessThanOrEqual(carol.endsAt.getTime());

    const events = (await db.prisma.outboxEvent.findMany()).map((e) => e.payload as { action: string; target: { id: string }; tenantId: string; data: Record<string, unknown> });
    const imports = events.filter((e) => e.action === "license.import");
    expect(imports.map((e) => e.data.uniqueId).sort()).toEqual(["u-0001", "u-0002", "u-0003", "u-0004"]);
    expect(imports.find((e) => e.data.uniqueId === "u-0002")).toMatchObject({ target: { id: bySource.get("django:u-0002")!.id }, data: { username: "bob", application: "etl", status: "suspended" } });
    const everything = JSON.stringify(events);
    for (const row of rows) expect(everything).not.toContain(row.license.slice(0, 8));
  });

  it("adds nothing on a second run and says so per row", async () => {
    const { csvFile, keyFile } = makeDjangoExport(dir, "again.csv", rows.map((r) => ({ ...r, unique_id: `again-${r.unique_id}`, license: `${r.license}-again` })));
    const first = await runImport(csvFile, keyFile, "second-run");
    expect(first.ok && first.imported).toBe(4);
    const events = await db.prisma.outboxEvent.count();
    const second = await runImport(csvFile, keyFile, "second-run");
    expect(second.ok && [second.imported, second.updated, second.unchanged]).toEqual([0, 0, 4]);
    expect(second.ok && second.rows.every((r) => r.outcome === "unchanged" && /^unchanged since the last import \(lic_/.test(r.detail))).toBe(true);
    expect(await countFor("second-run")).toBe(4);
    expect(await db.prisma.outboxEvent.count()).toBe(events);
  });

  it("refuses a wrong key, naming every row, and imports nothing", async () => {
    const { csvFile } = makeDjangoExport(dir, "wrong-key.csv", rows.map((r) => ({ ...r, unique_id: `wk-${r.unique_id}`, license: `${r.license}-wk` })));
    const wrongKey = path.join(dir, "wrong.key");
    fs.writeFileSync(wrongKey, generateFernetKey());
    const result = await runImport(csvFile, wrongKey, "wrong-key");
    expect(problemsOf(result)).toEqual(
      rows.map((r, i) => `line ${i + 2} wk-${r.unique_id}: license does not decrypt with this Fernet key (wrong key, or the value was altered)`),
    );
    expect(await countFor("wrong-key")).toBe(0);
  });

  it("refuses a file with corrupt rows — bad token, missing field, unknown application, bad date, duplicate — and imports none of it", async () => {
    const good: DjangoRow = { id: 10, username: "erin", application: "reports", unique_id: "c-good", license: "LIC-GOOD", active: true, expiration_date: "2030-01-01" };
    const { csvFile, keyFile } = makeDjangoExport(dir, "corrupt.csv", [
      good,
      { ...good, id: 11, username: "frank", application: "etl", unique_id: "c-token", license: "LIC-T" },
      { ...good, id: 12, username: "", application: "surveys", unique_id: "c-nouser", license: "LIC-N" },
      { ...good, id: 13, username: "gina", application: "payroll", unique_id: "c-app", license: "LIC-P" },
      { ...good, id: 14, username: "hank", application: "surveys", unique_id: "c-date", license: "LIC-D", expiration_date: "2030-02-30" },
      { ...good, id: 15, username: "ivan", application: "surveys", unique_id: "c-good", license: "LIC-DUP" },
    ]);
    // Alter one character inside the base64 of the token on line 3 (the row "c-token"), and cut line 8 short.
    const lines = fs.readFileSync(csvFile, "utf8").split("\r\n");
    const fields = lines[2].split(",");
    const token = Buffer.from(fields[4], "base64").toString();
    fields[4] = Buffer.from(token.slice(0, 60) + (token[60] === "A" ? "B" : "A") + token.slice(61)).toString("base64");
    lines[2] = fields.join(",");
    lines.splice(lines.length - 1, 0, "16,judy,etl,c-short");
    fs.writeFileSync(csvFile, lines.join("\r\n"));

    const result = await runImport(csvFile, keyFile, "corrupt");
    expect(problemsOf(result)).toEqual([
      "line 3 c-token: license does not decrypt with this Fernet key (wrong key, or the value was altered)",
      "line 4 c-nouser: username is empty",
      'line 5 c-app: application "payroll" (line 5) is not a Tessera component key; name its component with --map payroll=<component key>',
      'line 6 c-date: expiration_date "2030-02-30" is not a date (YYYY-MM-DD) or date-time',
      "line 7 c-good: same unique_id as line 2",
      "line 8 c-short: has 4 fields where the header has 7",
    ]);
    expect(await countFor("corrupt")).toBe(0);
  });

  it("refuses rows a tier does not cover and a second row for one holder and application; takes a second holder", async () => {
    const base: DjangoRow = { id: 20, username: "kim", application: "reports", unique_id: "l-1", license: "LIC-L1", active: true, expiration_date: "2030-01-01" };
    const lee = { ...base, id: 21, username: "lee", unique_id: "l-2", license: "LIC-L2", active: false };
    const { csvFile, keyFile } = makeDjangoExport(dir, "conflict.csv", [base, lee, { ...base, id: 22, unique_id: "l-3", license: "LIC-L3" }]);
    expect(problemsOf(await runImport(csvFile, keyFile, "conflict"))).toEqual(["line 4 l-3: same username and component (reports) as line 2"]);
    expect(problemsOf(await runImport(csvFile, keyFile, "conflict", { tierKey: "etl-only" }))).toEqual([
      'line 2 l-1: tier "etl-only" grants no scope of component "reports"',
      'line 3 l-2: tier "etl-only" grants no scope of component "reports"',
      'line 4 l-3: tier "etl-only" grants no scope of component "reports"',
    ]);
    await expect(runImport(csvFile, keyFile, "no-such-tenant")).rejects.toThrow(/No tenant with the slug "no-such-tenant"/);
    expect(await countFor("conflict")).toBe(0);

    const twoHolders = makeDjangoExport(dir, "two-holders.csv", [base, lee], { keyFile });
    const both = await runImport(twoHolders.csvFile, keyFile, "conflict");
    expect(both.ok && both.rows.map((r) => [r.username, r.outcome, r.status])).toEqual([["kim", "imported", "active"], ["lee", "imported", "suspended"]]);
    const holders = await db.prisma.license.findMany({ where: { tenant: { slug: "conflict" } }, select: { holderKind: true, holderName: true }, orderBy: { holderName: "asc" } });
    expect(holders).toEqual([{ holderKind: "person", holderName: "kim" }, { holderKind: "person", holderName: "lee" }]);
  });

  it("refuses a license key that another license already has", async () => {
    const { csvFile, keyFile } = makeDjangoExport(dir, "dupkey.csv", [{ id: 30, username: "zed", application: "etl", unique_id: "d-1", license: "LIC-ALICE-REPORTS-2031", active: true, expiration_date: "2030-01-01" }]);
    expect(problemsOf(await runImport(csvFile, keyFile, "conflict"))).toEqual([expect.stringMatching(/^line 2 d-1: its license key already belongs to license lic_/)]);
  });

  it("takes an expired row beside its renewal for one holder: only rows live at the source must be one per holder", async () => {
    const old: DjangoRow = { id: 40, username: "rita", application: "reports", unique_id: "r-2023", license: "LIC-RITA-2023", active: true, expiration_date: "2024-06-30" };
    const renewal: DjangoRow = { ...old, id: 41, unique_id: "r-2025", license: "LIC-RITA-2025", expiration_date: "2031-06-30" };
    const { csvFile, keyFile } = makeDjangoExport(dir, "renewals.csv", [old, renewal, { ...renewal, id: 42, unique_id: "r-dup", license: "LIC-RITA-DUP", active: false }]);
    // Two rows live at the source for one holder are still refused.
    expect(problemsOf(await runImport(csvFile, keyFile, "renewals"))).toEqual(["line 4 r-dup: same username and component (reports) as line 3"]);
    const history = makeDjangoExport(dir, "renewals-ok.csv", [old, renewal], { keyFile });
    const result = await runImport(history.csvFile, keyFile, "renewals");
    expect(result.ok && result.rows.map((r) => [r.uniqueId, r.status])).toEqual([["r-2023", "expired"], ["r-2025", "active"]]);
  });

  it("refuses in the dry run what the write would refuse, so a dry run that passes means the import passes", async () => {
    const base: DjangoRow = { id: 50, username: "sam", application: "reports", unique_id: "v-1", license: "LIC-V1", active: true, expiration_date: "2030-01-01" };
    const { csvFile, keyFile } = makeDjangoExport(dir, "checked.csv", [
      base,
      { ...base, id: 51, username: `tlk_${"S".repeat(43)}`, unique_id: "v-2", license: "LIC-V2" }, // would be refused by the audit trail's secret guard
      { ...base, id: 52, username: "u".repeat(201), application: "etl", unique_id: "v-3", license: "LIC-V3" },
      { ...base, id: 53, username: "tess", application: "surveys", unique_id: "v-4", license: "LIC-V4", expiration_date: "2030-02-30 12:00" },
      { ...base, id: 54, username: "uma", application: "etl", unique_id: "v-5", license: "K".repeat(600) },
    ]);
    const expected = [
      "line 3 v-2: username: This looks like a Tessera key or token: never put a secret here.",
      "line 4 v-3: username: At most 200 characters.",
      'line 5 v-4: expiration_date "2030-02-30 12:00" is not a date (YYYY-MM-DD) or date-time',
      "line 6 v-5: license decrypts to text of 600 characters; expected 1 to 512 (the longest key validation accepts)",
    ];
    expect(problemsOf(await runImport(csvFile, keyFile, "checked", { dryRun: true }))).toEqual(expected);
    expect(problemsOf(await runImport(csvFile, keyFile, "checked"))).toEqual(expected);
    expect(await countFor("checked")).toBe(0);
  });

  it("refuses an import into a tenant being closed or closed, and writes a suspended tenant's live licenses suspended with it", async () => {
    const { csvFile, keyFile } = makeDjangoExport(dir, "paused.csv", [
      { id: 60, username: "vera", application: "reports", unique_id: "p-1", license: "LIC-P1", active: true, expiration_date: "2031-01-01" },
      { id: 61, username: "walt", application: "etl", unique_id: "p-2", license: "LIC-P2", active: false, expiration_date: "2031-01-01" },
    ]);
    await createTenant(db.prisma, "closing");
    await db.prisma.tenant.update({ where: { slug: "closing" }, data: { closingDispositionId: "dsp_closing" } });
    await expect(runImport(csvFile, keyFile, "closing", { dryRun: true })).rejects.toThrow('The tenant "closing" is being closed (disposition dsp_closing): nothing can be imported into it.');
    await db.prisma.tenant.update({ where: { slug: "closing" }, data: { closedAt: now } });
    await expect(runImport(csvFile, keyFile, "closing")).rejects.toThrow('The tenant "closing" is closed: nothing can be imported into it.');
    expect(await countFor("closing")).toBe(0);

    await db.prisma.tenant.update({ where: { slug: "paused" }, data: { suspendedAt: now } });
    const result = await runImport(csvFile, keyFile, "paused");
    expect(result.ok && result.rows.map((r) => [r.uniqueId, r.status])).toEqual([["p-1", "suspended"], ["p-2", "suspended"]]);
    expect(result.ok && result.rows[0].detail).toMatch(/suspended \(the tenant is suspended: it comes back when the tenant is reinstated\)/);
    const written = await db.prisma.license.findMany({ where: { tenant: { slug: "paused" } }, select: { importSource: true, status: true, suspendedByTenant: true }, orderBy: { importSource: "asc" } });
    // Reinstating the tenant brings back the one the source has active, not the one it has inactive.
    expect(written).toEqual([
      { importSource: "django:p-1", status: "suspended", suspendedByTenant: true },
      { importSource: "django:p-2", status: "suspended", suspendedByTenant: false },
    ]);
  });

  it("never reactivates a license while its tenant is suspended: the sync keeps it suspended with the tenant", async () => {
    const rowsOf = (walt: boolean) => [
      { id: 70, username: "xena", application: "reports", unique_id: "q-1", license: "LIC-Q1", active: true, expiration_date: "2031-01-01" },
      { id: 71, username: "yuri", application: "etl", unique_id: "q-2", license: "LIC-Q2", active: walt, expiration_date: "2031-01-01" },
    ];
    const first = makeDjangoExport(dir, "paused-sync-1.csv", rowsOf(false));
    expect((await runImport(first.csvFile, first.keyFile, "paused-sync")).ok).toBe(true);
    // The tenant is suspended as suspend-tenant does it: its active licenses marked.
    const tenant = await db.prisma.tenant.update({ where: { slug: "paused-sync" }, data: { suspendedAt: now } });
    await db.prisma.license.updateMany({ where: { tenantId: tenant.id, status: "active" }, data: { status: "suspended", suspendedByTenant: true } });
    // The source reactivates yuri's license meanwhile.
    const second = makeDjangoExport(dir, "paused-sync-2.csv", rowsOf(true), { keyFile: first.keyFile });
    const dry = await runImport(second.csvFile, second.keyFile, "paused-sync", { dryRun: true });
    expect(dry.ok && dry.rows.map((r) => [r.uniqueId, r.outcome, r.status])).toEqual([["q-1", "unchanged", "suspended"], ["q-2", "would-update", "suspended"]]);
    const synced = await runImport(second.csvFile, second.keyFile, "paused-sync");
    expect(synced.ok && synced.updated).toBe(1);
    const held = await db.prisma.license.findMany({ where: { tenantId: tenant.id }, select: { importSource: true, status: true, suspendedByTenant: true }, orderBy: { importSource: "asc" } });
    expect(held).toEqual([
      { importSource: "django:q-1", status: "suspended", suspendedByTenant: true },
      { importSource: "django:q-2", status: "suspended", suspendedByTenant: true },
    ]);
    const event = (await db.prisma.outboxEvent.findMany()).map((e) => e.payload as { action: string; data: Record<string, unknown> }).find((e) => e.action === "license.import_sync" && e.data.uniqueId === "q-2");
    expect(event?.data).toMatchObject({ from: "suspended", to: "suspended", byTenant: true });
  });
});
