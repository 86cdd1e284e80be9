// `tessera import django-licenses --csv FILE --fernet-key-file KEY --tenant SLUG --tier TIER [--map A=K,…]… [--dry-run]`:
// reads the files and arguments, prints the report; the rules live in services/access/domain/imports. It
// changes no schema (a dry run least of all): a database whose migrations are behind is refused.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { parseFernetKey } from "../../services/access/domain/crypto/fernet";
import { parseApplicationMap } from "../../services/access/domain/imports/application-map";
import { parseDjangoLicenseCsv } from "../../services/access/domain/imports/django-license-csv";
import { decodeUtf8Csv } from "../../services/access/domain/imports/parse-csv";
import { importDjangoLicenses } from "../../services/access/domain/imports/import-django-licenses";
import { openAccessHost, operatorActor } from "./open-access-host";

const usage =
  "usage: tessera import django-licenses --csv FILE --fernet-key-file KEY --tenant SLUG --tier TIER [--map APPLICATION=COMPONENT_KEY,…]… [--dry-run]\n" +
  "  --map may be given more than once; its pairs add up (an application mapped twice is refused).";

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "django-licenses") throw new Error(usage);
  const { values } = parseArgs({
    args: rest,
    options: {
      csv: { type: "string" },
      "fernet-key-file": { type: "string" },
      tenant: { type: "string" },
      tier: { type: "string" },
      map: { type: "string", multiple: true },
      "dry-run": { type: "boolean", default: false },
    },
  });
  const { csv: csvFile, "fernet-key-file": keyFile, tenant, tier } = values;
  if (!csvFile || !keyFile || !tenant || !tier) throw new Error(usage);

  const applicationMap = parseApplicationMap(values.map);
  const fernetKey = withFileName(keyFile, () => parseFernetKey(readBytes(keyFile).toString("utf8")));
  const csv = withFileName(csvFile, () => parseDjangoLicenseCsv(decodeUtf8Csv(readBytes(csvFile))));

  const host = await openAccessHost({ migrations: "require-applied" });
  try {
    const result = await importDjangoLicenses(host, csv, {
      tenantSlug: tenant,
      tierKey: tier,
      fernetKey,
      applicationMap,
      actor: operatorActor("tessera import django-licenses"),
      dryRun: values["dry-run"],
    });
    if (!result.ok) {
      console.error(`${csvFile}: nothing imported; fix these rows and run again:`);
      for (const p of result.problems) console.error(`  line ${p.line}${p.uniqueId ? ` (unique_id ${p.uniqueId})` : ""}: ${p.message}`);
      return 1;
    }
    const dry = values["dry-run"];
    for (const r of result.rows) console.log(`line ${r.line} (unique_id ${r.uniqueId}, ${r.username}, ${r.application}): ${r.detail}`);
    for (const r of result.removed) {
      console.log(`removed at the source (unique_id ${r.uniqueId}, ${r.holder}, ${r.component}): ${r.licenseId} is not in the file; left as it is (${r.status})`);
    }
    const verbs = dry ? ["would import", "would update"] : ["imported", "updated"];
    console.log(
      `${csvFile}: ${verbs[0]} ${result.imported}, ${verbs[1]} ${result.updated}, unchanged ${result.unchanged}, removed at the source ${result.removed.length} (not deleted), ` +
        `into tenant ${tenant} on tier ${tier}${dry ? "; dry run, nothing was changed" : ""}.`,
    );
    return 0;
  } finally {
    await host.close();
  }
}

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new Error((e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message);
  }
}

/** Prefixes errors about a file (unreadable, malformed key, CSV syntax, header) with its name. */
function withFileName<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}
