// `tessera selfcheck [--target URL]… [--targets-only]`: runs the security plan's self-checks on the access
// host with the access service's configuration, prints a table and exits 1 when a check fails. With the
// access database open, results are kept as the plan's latest and audited, as the schedule's are; the web
// tier's environment is checked here, where the launcher declares it (cli/launcher/process-env.ts).
import { parseArgs } from "node:util";
import { checkIds, checkTitles, type CheckResult } from "../../contracts/security-plan";
import { checkTargets, parseTarget, type TargetFinding } from "../../services/access/domain/security-plan/credential-checks";
import { hostSelfCheckDeps } from "../../services/access/domain/security-plan/host-self-check";
import { databaseChecks, runSelfChecks, storeCheckResults } from "../../services/access/domain/security-plan/run-self-checks";
import { selfCheckSetup } from "../../services/access/domain/security-plan/self-check-setup";
import { keyringFromEnvironment, loadKeyring, type StorageKeyring } from "../../services/access/keys/storage-keyring";
import { homeLayout, tesseraHome } from "../home";
import { webEnv } from "../launcher/process-env";
import { accessConfig, openAccessHost, operatorActor, type AccessHost } from "./open-access-host";

const usage = "usage: tessera selfcheck [--target postgresql://…|amqp://…|redis://…]… [--targets-only]";
const mark = { pass: "pass", fail: "FAIL", "not-applicable": "n/a" } as const;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { target: { type: "string", multiple: true }, "targets-only": { type: "boolean" }, help: { type: "boolean" } } });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const targets = (values.target ?? []).map(parseTarget);

  if (values["targets-only"]) {
    if (targets.length === 0) throw new Error(`--targets-only needs at least one --target\n${usage}`);
    const result = await checkTargets(targets, () => new Date());
    printTable([result]);
    return result.result === "fail" ? 1 : 0;
  }

  // The CA's revocation list, where `tessera start` keeps it, unless the service's own is named.
  process.env.TLS_CRL_FILE ??= homeLayout(tesseraHome()).pki.crl;
  const config = accessConfig();
  let host: AccessHost | null = null;
  let notOpened: string | null = null;
  try {
    host = await openAccessHost();
  } catch (e) {
    notOpened = (e as Error).message;
  }
  const keyring = host?.keyring ?? loadKeyringIfAny(config);
  const layout = homeLayout(tesseraHome());
  const setup = selfCheckSetup(config, {
    keyring,
    extraTargets: targets,
    webTier: {
      env: webEnv(layout, { accessUrl: process.env.ACCESS_URL ?? "https://127.0.0.1:7443", publicUrl: config.TESSERA_PUBLIC_URL, sessionSecret: "(not read)", settings: process.env }),
      source: "webEnv() of cli/launcher/process-env.ts, with this shell's environment as the operator's settings",
      serviceDataDirs: [layout.accessDir, layout.auditDir],
      expectedTlsKeyFile: layout.pki.key("web", "client"),
    },
  });
  const { deps, close } = hostSelfCheckDeps(config, host);
  try {
    const results = await runSelfChecks(deps, setup, checkIds);
    printTable(results);
    if (host) {
      await storeCheckResults(host.prisma, results, "tessera selfcheck", operatorActor("tessera selfcheck"));
      console.log("Results kept as the security plan's latest and written to the audit chain.");
    } else {
      for (const id of databaseChecks) console.log(`  not run here: ${checkTitles[id]} (needs the access database)`);
      console.log(`The access database could not be opened here, so these results were not kept: ${notOpened}`);
    }
    return results.some((r) => r.result === "fail") ? 1 : 0;
  } finally {
    await close();
    await host?.close();
  }
}

function loadKeyringIfAny(config: ReturnType<typeof accessConfig>): StorageKeyring | null {
  try {
    return config.ACCESS_KEYRING ? keyringFromEnvironment(config.ACCESS_KEYRING) : loadKeyring(config.keyringFile);
  } catch {
    return null;
  }
}

function printTable(results: CheckResult[]): void {
  const width = Math.max(...results.map((r) => r.checkId.length), 5);
  console.log(`${"RESULT".padEnd(6)}  ${"CHECK".padEnd(width)}  FINDING`);
  for (const r of results) {
    console.log(`${mark[r.result].padEnd(6)}  ${r.checkId.padEnd(width)}  ${r.sentence}`);
    if (r.checkId === "credentials.targets") {
      for (const t of (r.evidence.targets ?? []) as TargetFinding[]) {
        const verdict = t.accepted === true ? "FAIL" : t.accepted === false ? "pass" : "FAIL";
        console.log(`${"".padEnd(6)}  ${"".padEnd(width)}  ${verdict.padEnd(4)}  ${t.target}: ${t.answer}`);
      }
    }
  }
}
