// Dispatches `tessera <command> …` to its module, which lives in the folder of where it runs: cli/launcher/
// (this machine runs the whole system), cli/dev-tools/, cli/pki/ (the operator's CA), cli/access-host/,
// cli/audit-host/ (tools run with that service's own configuration).
export {};
const usage = `Usage: tessera <command>

  start                          bring up audit, access and web on this machine (embedded databases by default)
  pki init                       create the internal CA in the data folder
  pki issue <identity> [--usage client|server] [--hours N] [--host NAME]... [--revoke-previous]
                                 issue a short-lived certificate (client: to call services, the default; server: to serve);
                                 the one it replaces stays valid unless --revoke-previous
  pki revoke <identity|serial>   revoke every unexpired certificate of a name, or one by serial, and publish the CRL
  pki crl                        republish the revocation list (it is valid for 30 days)
  pki list                       every certificate issued, with its state (valid, expired, revoked, replaced)
  keys status                    storage key versions and how many license keys each protects
  keys rotate                    add a storage key version and make it current (old versions stay readable)
  keys reencrypt [--batch N]     re-encrypt license keys under the current version (resumable)
  keys rotate-signing            add a license-signing key and make it current (old public keys stay in the JWKS)
  audit verify [--checkpoint FILE] [--public-key FILE]
                                 check every MAC of the audit chain and that its newest signed checkpoint is still there
  selfcheck [--target URL]... [--targets-only]
                                 run the security plan's self-checks (default credentials on the access database and on each
                                 postgresql://, amqp:// or redis:// target; TLS, keys, passwords, audit chain, web tier, throttling,
                                 access review); prints a table, exits 1 when a check fails
  detector train [--min-history N]
                                 train the anomaly detector's sequence models now on the access service's recorded history
                                 (one new version per kind of principal; running services load it within a minute)
  import django-licenses --csv FILE --fernet-key-file KEY --tenant SLUG --tier TIER [--map APPLICATION=KEY,…]… [--dry-run]
                                 import licenses exported from the Django system (all or nothing); --map names the
                                 component of each Django application and may be given more than once
  db generate                    generate the Prisma clients (offline)
  db migration <schema> <name>   write a new SQL migration from the schema diff
  test                           type-check, lint, unit, integration and end-to-end tests

The data folder is $TESSERA_HOME (default: .tessera at the repository root).`;

const [command, ...args] = process.argv.slice(2);
const commands: Record<string, () => Promise<{ run(args: string[]): Promise<number | void> }>> = {
  start: () => import("./launcher/start-command"),
  pki: () => import("./pki/pki-command"),
  keys: () => import("./access-host/keys-command"),
  import: () => import("./access-host/import-command"),
  detector: () => import("./access-host/detector-command"),
  selfcheck: () => import("./access-host/selfcheck-command"),
  audit: () => import("./audit-host/audit-command"),
  db: () => import("./dev-tools/db-command"),
  test: () => import("./dev-tools/test-command"),
};

const load = command ? commands[command] : undefined;
if (!load) {
  console.log(usage);
  process.exit(command && command !== "help" && command !== "--help" ? 2 : 0);
}
try {
  const code = await (await load()).run(args);
  if (typeof code === "number") process.exitCode = code;
} catch (e) {
  console.error(`tessera ${command}: ${(e as Error).message}`);
  process.exitCode = 1;
}
