// A real Django table into one tenant: 40 users on each application (one license per holder), the table's
// application names mapped to components, then a second import as a sync (status and expiry changes
// applied and audited, a removed row reported and kept), a dry run that changes nothing, and refusals.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFernetKey } from "../../services/access/domain/crypto/fernet";
import { parseApplicationMap } from "../../services/access/domain/imports/application-map";
import { parseDjangoLicenseCsv } from "../../services/access/domain/imports/django-license-csv";
import { importDjangoLicenses, type ImportResult } from "../../services/access/domain/imports/import-django-licenses";
import { createKeyring } from "../../services/access/keys/storage-keyring";
import { newId } from "../../services/access/domain/secrets/ids";
import { djangoApplicationMap, manyUsersRows, usersPerApplication } from "../fixtures/django/many-users-export";
import { createTenant, makeDjangoExport, openImportDatabase, seedCatalogue, type DjangoRow } from "../support/import-fixtures";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "djs-"));
const keyring = createKeyring(1, new Map([[1, randomBytes(32)]]));
const digestKey = randomBytes(32);
const actor = { type: "operator" as const, id: "tester", label: "sync test" };
const now = new Date("2026-11-23T12:00:00Z");
let db: Awaited<ReturnType<typeof openImportDatabase>>;
let keyFile: string;

beforeAll(async () => {
  db = await openImportDatabase("importsync");
  const { components, standard } = await seedCatalogue(db.prisma);
  // The catalogue's case-notes component, granted by the standard tier too.
  const casenotes = await db.prisma.component.create({ data: { id: newId("cmp"), key: "casenotes", name: "Case notes" } });
  const scope = await db.prisma.scope.create({ data: { id: newId("scp"), key: "casenotes:use", componentId: casenotes.id } });
  await db.prisma.tierScope.create({ data: { tierId: standard.id, scopeId: scope.id } });
  expect(Object.keys(components)).toEqual(["reports", "etl", "surveys"]);
  for (const slug of ["lakeside", "unmapped"]) await createTenant(db.prisma, slug);
  keyFile = makeDjangoExport(dir, "seed.csv", []).keyFile;
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const deps = () => ({ prisma: db.prisma, keyring, digestKey });
function run(rows: DjangoRow[], options: { tenant?: string; map?: string; dryRun?: boolean } = {}): Promise<ImportResult> {
  const { csvFile } = makeDjangoExport(dir, `export-${Math.random().toString(36).slice(2)}.csv`, rows, { keyFile });
  return importDjangoLicenses(deps(), parseDjangoLicenseCsv(fs.readFileSync(csvFile, "utf8")), {
    tenantSlug: options.tenant ?? "lakeside",
    tierKey: "standard",
    fernetKey: parseFernetKey(fs.readFileSync(keyFile, "utf8")),
    applicationMap: parseApplicationMap(options.map ?? djangoApplicationMap),
    actor,
    now,
    dryRun: options.dryRun,
  });
}
const ok = (r: ImportResult) => {
  if (!r.ok) throw new Error(`import refused:\n${r.problems.map((p) => `line ${p.line}: ${p.message}`).join("\n")}`);
  return r;
};
const problemsOf = (r: ImportResult) => (r.ok ? [] : r.problems.map((p) => `line ${p.line} ${p.uniqueId}: ${p.message}`));
const snapshot = async () => ({
  licenses: await db.prisma.license.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, endsAt: true, statusChangedAt: true, updatedAt: true } }),
  events: await db.prisma.outboxEvent.count(),
});
const events = async (action: string) =>
  (await db.prisma.outboxEvent.findMany()).map((e) => e.payload as { action: string; target: { id: string }; data: Record<string, unknown> }).filter((e) => e.action === action);

const table = manyUsersRows();
const rowOf = (application: string, username: string) => table.find((r) => r.application === application && r.username === username)!;

// The second export: four rows changed at the source, one removed.
const secondExport = {
  suspendAt: rowOf("reporting", "user03"),
  extend: rowOf("case-notes", "user05"),
  endEarly: rowOf("etl", "user08"),
  reactivate: rowOf("reporting", "user07"), // inactive in the first import
  removed: rowOf("etl", "user09"),
};
const changed = table
  .filter((r) => r !== secondExport.removed)
  .map((r) => {
    if (r === secondExport.suspendAt) return { ...r, active: false };
    if (r === secondExport.extend) return { ...r, expiration_date: "2030-06-30" };
    if (r === secondExport.endEarly) return { ...r, expiration_date: "2026-10-31" };
    if (r === secondExport.reactivate) return { ...r, active: true };
    return r;
  });
const licenseOf = (r: DjangoRow) => db.prisma.license.findUniqueOrThrow({ where: { importSource: `django:${r.unique_id}` } });

describe("a Django table with 40 users per application, into one tenant", () => {
  it("names an unknown application without a map, and a map to no component, importing nothing", async () => {
    expect(problemsOf(await run(table, { tenant: "unmapped", map: "case-notes=casenotes" }))).toEqual([
      `line 2 ${table[0].unique_id}: application "reporting" (40 rows, lines 2 to 41) is not a Tessera component key; name its component with --map reporting=<component key>`,
    ]);
    await expect(run(table, { tenant: "unmapped", map: "reporting=reprots,case-notes=casenotes" })).rejects.toThrow('--map reporting=reprots: no component has the key "reprots".');
    expect(await db.prisma.license.count({ where: { tenant: { slug: "unmapped" } } })).toBe(0);
  });

  it("imports every row, each holder a person, the table's names mapped to components, each audited", async () => {
    const before = await snapshot();
    const dry = ok(await run(table, { dryRun: true }));
    expect([dry.imported, dry.updated, dry.unchanged, dry.removed.length]).toEqual([120, 0, 0, 0]);
    expect(dry.rows.every((r) => r.outcome === "would-import")).toBe(true);
    expect(await snapshot()).toEqual(before);

    const result = ok(await run(table));
    expect([result.imported, result.updated, result.unchanged]).toEqual([120, 0, 0]);
    const licenses = await db.prisma.license.findMany({ where: { tenant: { slug: "lakeside" } }, include: { component: true } });
    const holdersByComponent = new Map<string, Set<string>>();
    for (const l of licenses) holdersByComponent.set(l.component.key, (holdersByComponent.get(l.component.key) ?? new Set()).add(`${l.holderKind}:${l.holderName}`));
    expect(licenses.length).toBe(120);
    expect(Object.fromEntries([...holdersByComponent].map(([k, v]) => [k, v.size]))).toEqual({ reports: usersPerApplication, casenotes: usersPerApplication, etl: usersPerApplication });
    const user07 = licenses.find((l) => l.component.key === "casenotes" && l.holderName === "user07")!;
    expect(user07).toMatchObject({ holderKind: "person", status: "suspended", importSource: `django:${rowOf("case-notes", "user07").unique_id}` });
    expect(licenses.find((l) => l.component.key === "etl" && l.holderName === "user13")!.status).toBe("expired");
    const live = licenses.filter((l) => l.status === "active" || l.status === "suspended");
    expect(live.length).toBe(120 - 3 * 3); // users 13, 26 and 39 ended in 2025
    expect((await events("license.import")).length).toBe(120);
    expect(result.rows.find((r) => r.uniqueId === rowOf("reporting", "user01").unique_id)!.detail).toMatch(/^imported as lic_\S+: Person user01, reports, active, /);
  });

  it("a second import is a sync: a dry run shows the diff and changes nothing; then changes are applied, audited and reported, a removed row kept", async () => {
    const { suspendAt, extend, endEarly, reactivate, removed } = secondExport;
    const extendedBefore = await licenseOf(extend);

    const before = await snapshot();
    const dry = ok(await run(changed, { dryRun: true }));
    expect([dry.imported, dry.updated, dry.unchanged]).toEqual([0, 4, 115]);
    const diff = dry.rows.filter((r) => r.outcome === "would-update").map((r) => [r.username, r.application, r.detail.replace(/lic_[\w-]+/, "lic")]);
    expect(diff).toEqual([
      ["user03", "reporting", "would update lic: active → suspended"],
      ["user07", "reporting", "would update lic: suspended → active"],
      ["user05", "case-notes", `would update lic: ends ${extendedBefore.endsAt.toISOString()} → 2030-07-01T00:00:00.000Z`],
      ["user08", "etl", "would update lic: active → expired, ends 2027-11-29T00:00:00.000Z → 2026-11-01T00:00:00.000Z"],
    ]);
    expect(dry.removed).toEqual([{ uniqueId: removed.unique_id, licenseId: (await licenseOf(removed)).id, holder: "Person user09", component: "etl", status: "active" }]);
    expect(await snapshot()).toEqual(before);

    const sync = ok(await run(changed));
    expect([sync.imported, sync.updated, sync.unchanged, sync.removed.length]).toEqual([0, 4, 115, 1]);
    expect(await licenseOf(suspendAt)).toMatchObject({ status: "suspended", statusChangedAt: now });
    expect(await licenseOf(reactivate)).toMatchObject({ status: "active" });
    expect((await licenseOf(extend)).endsAt.toISOString()).toBe("2030-07-01T00:00:00.000Z");
    expect(await licenseOf(endEarly)).toMatchObject({ status: "expired", endsAt: new Date("2026-11-01T00:00:00Z") });
    expect(await licenseOf(removed)).toMatchObject({ status: "active" }); // reported, not deleted
    const synced = await events("license.import_sync");
    expect(synced.map((e) => [e.data.username, e.data.from, e.data.to]).sort()).toEqual([
      ["user03", "active", "suspended"],
      ["user05", "active", "active"],
      ["user07", "suspended", "active"],
      ["user08", "active", "expired"],
    ]);
    expect(synced.find((e) => e.data.username === "user05")).toMatchObject({ target: { id: extendedBefore.id }, data: { toEndsAt: "2030-07-01T00:00:00.000Z", uniqueId: extend.unique_id } });

    // A third run finds nothing to do and records nothing.
    const quiet = await snapshot();
    const again = ok(await run(changed));
    expect([again.imported, again.updated, again.unchanged, again.removed.length]).toEqual([0, 0, 119, 1]);
    expect(await snapshot()).toEqual(quiet);
  });

  it("keeps a change made in Tessera while the source row is unchanged; a later source change applies, overriding a Tessera change of the same field, and says so", async () => {
    const suspended = rowOf("reporting", "user11");
    const renewed = rowOf("case-notes", "user12");
    // An admin suspended one and renewed the other in Tessera since the last import.
    await db.prisma.license.update({ where: { id: (await licenseOf(suspended)).id }, data: { status: "suspended", statusChangedAt: now } });
    await db.prisma.license.update({ where: { id: (await licenseOf(renewed)).id }, data: { endsAt: new Date("2031-03-01T00:00:00Z") } });
    const suspendedEnd = (await licenseOf(suspended)).endsAt;

    const before = await snapshot();
    for (const dryRun of [true, false]) {
      const same = ok(await run(changed, { dryRun }));
      expect([same.imported, same.updated, same.unchanged]).toEqual([0, 0, 119]);
      expect(same.rows.find((r) => r.uniqueId === suspended.unique_id)).toMatchObject({ outcome: "unchanged", status: "suspended", detail: expect.stringContaining("kept Tessera's suspended (the source still says active)") });
      expect(same.rows.find((r) => r.uniqueId === renewed.unique_id)!.detail).toContain("kept Tessera's end 2031-03-01T00:00:00.000Z");
      expect(await snapshot()).toEqual(before);
    }

    // Now the source moves both ends: each applies; the renewal made in Tessera is overridden, the suspension stays.
    const moved = changed.map((r) => (r === suspended ? { ...r, expiration_date: "2030-01-31" } : r === renewed ? { ...r, expiration_date: "2029-12-31" } : r));
    const dry = ok(await run(moved, { dryRun: true }));
    expect(await snapshot()).toEqual(before);
    const sync = ok(await run(moved));
    for (const result of [dry, sync]) {
      expect([result.updated, result.unchanged]).toEqual([2, 117]);
      expect(result.rows.filter((r) => r.outcome !== "unchanged").map((r) => [r.username, r.detail.replace(/lic_[\w-]+/, "lic")])).toEqual([
        ["user11", `${result === dry ? "would update" : "updated"} lic: ends ${suspendedEnd.toISOString()} → 2030-02-01T00:00:00.000Z; kept Tessera's suspended (the source still says active)`],
        ["user12", `${result === dry ? "would update" : "updated"} lic: ends 2031-03-01T00:00:00.000Z → 2030-01-01T00:00:00.000Z; the source's new end overrides Tessera's 2031-03-01T00:00:00.000Z`],
      ]);
    }
    expect(await licenseOf(suspended)).toMatchObject({ status: "suspended", endsAt: new Date("2030-02-01T00:00:00Z"), sourceActive: true, sourceEndsAt: new Date("2030-02-01T00:00:00Z") });
    expect(await licenseOf(renewed)).toMatchObject({ status: "active", endsAt: new Date("2030-01-01T00:00:00Z") });
    expect((await events("license.import_sync")).find((e) => e.target.id === (sync.rows.find((r) => r.username === "user12" && r.outcome === "updated")!.licenseId))!.data.overrides)
      .toEqual(["the source's new end overrides Tessera's 2031-03-01T00:00:00.000Z"]);

    // Reinstated in Tessera afterwards, the license stays active on the next run of the same file.
    await db.prisma.license.update({ where: { id: (await licenseOf(suspended)).id }, data: { status: "active" } });
    expect(ok(await run(moved)).updated).toBe(0);
    expect((await licenseOf(suspended)).status).toBe("active");
  });

  it("keeps a license revoked in Tessera revoked, whatever the source says", async () => {
    const row = rowOf("etl", "user02");
    await db.prisma.license.update({ where: { importSource: `django:${row.unique_id}` }, data: { status: "revoked" } });
    const result = ok(await run(table.map((r) => (r === row ? { ...r, expiration_date: "2031-01-01" } : r)), { dryRun: true }));
    expect(result.rows.find((r) => r.uniqueId === row.unique_id)).toMatchObject({ outcome: "unchanged", detail: expect.stringMatching(/is revoked in Tessera \(revocation is final\); the source says active/) });
  });

  it("refuses a second live license for one holder and application, accepts a new holder, and names the existing license", async () => {
    const user01 = await db.prisma.license.findUniqueOrThrow({ where: { importSource: `django:${rowOf("reporting", "user01").unique_id}` } });
    const second: DjangoRow = { id: 900, username: "user01", application: "reporting", unique_id: "second-user01", license: "LIC-SECOND-USER01", active: true, expiration_date: "2030-01-01" };
    const before = await snapshot();
    expect(problemsOf(await run([...table, second]))).toEqual([
      `line 122 second-user01: same username and component (reports) as line 2`,
    ]);
    expect(problemsOf(await run([second]))).toEqual([
      `line 2 second-user01: Person user01 already has a live reports license in this tenant (${user01.id}); Tessera keeps one live license per tenant, application and holder`,
    ]);
    expect(await snapshot()).toEqual(before);

    const newcomer = { ...second, username: "user41", unique_id: "newcomer-user41", license: "LIC-USER41" };
    const added = ok(await run([...table, newcomer]));
    expect([added.imported, added.rows.find((r) => r.uniqueId === "newcomer-user41")!.outcome]).toEqual([1, "imported"]);
    expect(await db.prisma.license.count({ where: { tenant: { slug: "lakeside" }, component: { key: "reports" } } })).toBe(41);
  });
});
