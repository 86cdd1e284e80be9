// `tessera import django-licenses` as the operator runs it on the access host, against a Django export.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFernetKey } from "../../services/access/domain/crypto/fernet";
import { loadOrCreateKey } from "../../services/access/keys/key-files";
import { loadOrCreateKeyring } from "../../services/access/keys/storage-keyring";
import { listMigrations } from "../../services/common/db/migrate";
import { accessMigrations } from "../support/start-access-service";
import { accessCli } from "../support/access-cli";
import { createTenant, makeDjangoExport, openImportDatabase, seedCatalogue } from "../support/import-fixtures";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "tih-"));
let db: Awaited<ReturnType<typeof openImportDatabase>>;
let tessera: ReturnType<typeof accessCli>;

beforeAll(async () => {
  db = await openImportDatabase("importcli");
  loadOrCreateKeyring(path.join(db.dataDir, "keys", "storage-keyring.json"));
  loadOrCreateKey(path.join(db.dataDir, "keys", "secret-digest.key"));
  await seedCatalogue(db.prisma);
  await createTenant(db.prisma, "lakeside");
  await createTenant(db.prisma, "harbour");
  tessera = accessCli({ home, dataDir: db.dataDir, databaseUrl: db.url });
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe("tessera import django-licenses", () => {
  it("imports, reports per row, and adds nothing when run again", async () => {
    const { csvFile, keyFile } = makeDjangoExport(home, "export.csv", [
      { id: 1, username: "alice", application: "reports", unique_id: "a1", license: "LIC-A1", active: true, expiration_date: "2031-01-01" },
      { id: 2, username: "bob", application: "etl", unique_id: "b2", license: "LIC-B2", active: false, expiration_date: "2031-01-01" },
    ]);
    const args = ["import", "django-licenses", "--csv", csvFile, "--fernet-key-file", keyFile, "--tenant", "lakeside", "--tier", "standard"];

    const first = await db.whileClosed(() => tessera(...args));
    expect(first, first.err).toMatchObject({ code: 0 });
    expect(first.out).toMatch(/^line 2 \(unique_id a1, alice, reports\): imported as lic_\S+: Person alice, reports, active,/m);
    expect(first.out).toMatch(/^line 3 \(unique_id b2, bob, etl\): imported as lic_\S+: Person bob, etl, suspended,/m);
    expect(first.out).toMatch(/imported 2, updated 0, unchanged 0, removed at the source 0 \(not deleted\), into tenant lakeside on tier standard\./);

    const second = await db.whileClosed(() => tessera(...args));
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/^line 2 \(unique_id a1, alice, reports\): unchanged since the last import \(lic_\S+, active\)/m);
    expect(second.out).toMatch(/imported 0, updated 0, unchanged 2, removed at the source 0/);
    expect(await db.prisma.license.count()).toBe(2);
  });

  it("maps the table's application names with --map, shows a sync's diff on --dry-run and applies it without", async () => {
    const { csvFile, keyFile } = makeDjangoExport(home, "renamed.csv", [
      { id: 1, username: "alice", application: "reporting", unique_id: "a1", license: "LIC-A1", active: false, expiration_date: "2031-01-01" },
      { id: 4, username: "dora", application: "reporting", unique_id: "d4", license: "LIC-D4", active: true, expiration_date: "2031-06-30" },
    ]);
    const args = ["import", "django-licenses", "--csv", csvFile, "--fernet-key-file", keyFile, "--tenant", "lakeside", "--tier", "standard"];
    const unmapped = await db.whileClosed(() => tessera(...args));
    expect(unmapped.code).toBe(1);
    expect(unmapped.err).toMatch(/line 2 \(unique_id a1\): application "reporting" \(2 rows, lines 2 to 3\) is not a Tessera component key; name its component with --map reporting=<component key>/);
    const badMap = await tessera(...args, "--map", "reporting");
    expect(badMap.err).toMatch(/--map entry "reporting" is not APPLICATION=COMPONENT_KEY/);

    const dry = await db.whileClosed(() => tessera(...args, "--map", "reporting=reports", "--dry-run"));
    expect(dry, dry.err).toMatchObject({ code: 0 });
    expect(dry.out).toMatch(/^line 2 \(unique_id a1, alice, reporting\): would update lic_\S+ active → suspended$/m);
    expect(dry.out).toMatch(/^line 3 \(unique_id d4, dora, reporting\): would import: Person dora, reports, active,/m);
    expect(dry.out).toMatch(/^removed at the source \(unique_id b2, Person bob, etl\): lic_\S+ is not in the file; left as it is \(suspended\)$/m);
    expect(dry.out).toMatch(/would import 1, would update 1, unchanged 0, removed at the source 1 \(not deleted\), into tenant lakeside on tier standard; dry run, nothing was changed\./);
    expect(await db.prisma.license.count()).toBe(2);

    const applied = await db.whileClosed(() => tessera(...args, "--map", "reporting=reports"));
    expect(applied.out).toMatch(/imported 1, updated 1, unchanged 0, removed at the source 1/);
    expect(await db.prisma.license.findUniqueOrThrow({ where: { importSource: "django:a1" } })).toMatchObject({ status: "suspended" });
    expect(await db.prisma.license.count()).toBe(3);
  });

  it("refuses a wrong key naming each row, and writes nothing", async () => {
    const { csvFile } = makeDjangoExport(home, "other.csv", [
      { id: 3, username: "carol", application: "surveys", unique_id: "c3", license: "LIC-C3", active: true, expiration_date: "2031-01-01" },
    ]);
    const wrongKey = path.join(home, "wrong.key");
    fs.writeFileSync(wrongKey, generateFernetKey() + "\n");
    const res = await db.whileClosed(() => tessera("import", "django-licenses", "--csv", csvFile, "--fernet-key-file", wrongKey, "--tenant", "lakeside", "--tier", "standard"));
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/nothing imported/);
    expect(res.err).toMatch(/line 2 \(unique_id c3\): license does not decrypt with this Fernet key/);
    expect(await db.prisma.license.count()).toBe(3);
  });

  it("explains missing arguments, unreadable files and a malformed key", async () => {
    const usage = await tessera("import", "django-licenses", "--csv", "x.csv");
    expect(usage).toMatchObject({ code: 1 });
    expect(usage.err).toMatch(/usage: tessera import django-licenses --csv FILE/);
    const badKey = path.join(home, "bad.key");
    fs.writeFileSync(badKey, "not a key");
    const res = await tessera("import", "django-licenses", "--csv", path.join(home, "export.csv"), "--fernet-key-file", badKey, "--tenant", "lakeside", "--tier", "standard");
    expect(res.err).toMatch(/bad\.key: A Fernet key is 32 bytes/);
    const missing = await tessera("import", "django-licenses", "--csv", path.join(home, "nope.csv"), "--fernet-key-file", path.join(home, "fernet.key"), "--tenant", "lakeside", "--tier", "standard");
    expect(missing.err).toMatch(/nope\.csv: no such file/);
    fs.writeFileSync(path.join(home, "header.csv"), "username,license\r\nx,y\r\n");
    const header = await tessera("import", "django-licenses", "--csv", path.join(home, "header.csv"), "--fernet-key-file", path.join(home, "fernet.key"), "--tenant", "lakeside", "--tier", "standard");
    expect(header.err).toMatch(/header\.csv: The CSV header \(line 1\) lacks the column\(s\) application, unique_id, active, expiration_date/);
  });

  it("takes --map more than once, and says so in its usage", async () => {
    const { csvFile, keyFile } = makeDjangoExport(home, "two-maps.csv", [
      { id: 1, username: "hana", application: "reporting", unique_id: "h1", license: "LIC-H1", active: true, expiration_date: "2031-01-01" },
      { id: 2, username: "hugo", application: "surveying", unique_id: "h2", license: "LIC-H2", active: true, expiration_date: "2031-01-01" },
    ]);
    const args = ["import", "django-licenses", "--csv", csvFile, "--fernet-key-file", keyFile, "--tenant", "harbour", "--tier", "standard"];
    const res = await db.whileClosed(() => tessera(...args, "--map", "reporting=reports", "--map", "surveying=surveys", "--dry-run"));
    expect(res, res.err).toMatchObject({ code: 0 });
    expect(res.out).toMatch(/^line 2 \(unique_id h1, hana, reporting\): would import: Person hana, reports,/m);
    expect(res.out).toMatch(/^line 3 \(unique_id h2, hugo, surveying\): would import: Person hugo, surveys,/m);
    const twice = await tessera(...args, "--map", "reporting=reports", "--map", "reporting=etl");
    expect(twice.err).toMatch(/--map names the application "reporting" twice/);
    const usage = await tessera("import", "django-licenses");
    expect(usage.err).toMatch(/--map may be given more than once/);
  });

  it("refuses a CSV that is not UTF-8, naming the line, instead of importing mangled names", async () => {
    const { keyFile } = makeDjangoExport(home, "utf8.csv", []);
    const latin1 = path.join(home, "latin1.csv");
    fs.writeFileSync(latin1, Buffer.concat([Buffer.from("id,username,application,unique_id,license,active,expiration_date\r\n1,Jos"), Buffer.from([0xe9]), Buffer.from(",reports,j1,x,True,2031-01-01\r\n")]));
    const res = await tessera("import", "django-licenses", "--csv", latin1, "--fernet-key-file", keyFile, "--tenant", "harbour", "--tier", "standard", "--dry-run");
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/latin1\.csv: The file is not UTF-8 text \(the first bytes that are not UTF-8 are on line 2\); export it again as UTF-8\./);
  });

  it("changes no schema: a database whose migrations are behind is refused, a dry run included, and left as it was", async () => {
    const [last] = (await listMigrations(accessMigrations)).slice(-1);
    // Forget the newest migration, as on a database this version has not started on yet.
    const applied = async () => (await db.prisma.$queryRawUnsafe<{ name: string }[]>(`select name from "_tessera_migrations" order by name`)).map((r) => r.name);
    const before = await applied();
    expect(before.at(-1)).toBe(last.name);
    await db.prisma.$executeRawUnsafe(`DELETE FROM "_tessera_migrations" WHERE name = '${last.name}'`);
    const { csvFile, keyFile } = makeDjangoExport(home, "behind.csv", [
      { id: 1, username: "ines", application: "reports", unique_id: "i1", license: "LIC-I1", active: true, expiration_date: "2031-01-01" },
    ]);
    for (const extra of [["--dry-run"], []]) {
      const res = await db.whileClosed(() => tessera("import", "django-licenses", "--csv", csvFile, "--fernet-key-file", keyFile, "--tenant", "harbour", "--tier", "standard", ...extra));
      expect(res.code, res.out).toBe(1);
      expect(res.err).toContain(`The access database's schema is behind this version of Tessera (not applied: ${last.name}). This command changes no schema`);
      expect(await applied()).toEqual(before.slice(0, -1));
    }
    expect(await db.prisma.license.count({ where: { tenant: { slug: "harbour" } } })).toBe(0);
  });
});
