// The trust zones of the source tree and what each may import: the one declaration that
// import-boundaries.test.ts enforces over the real import graph (and the README's table describes).

export type Zone = {
  name: string;
  /** Path prefixes of its files; the first zone whose prefix matches a file owns it. */
  files: string[];
  /** Zones whose files it may import. */
  mayImport: string[];
  /** Of some of those zones, only these files (a path, or a folder ending in "/"): the few it needs. */
  onlyOf?: Record<string, string[]>;
  /** Packages (and `node:` modules) it may import; absent = any not denied. */
  packagesAllowed?: RegExp;
  /** Packages it may never import. */
  packagesDenied?: RegExp;
  why: string;
};

/** Database drivers, ORMs, hashers, service frameworks, the CA toolkit: what the public host must not hold. */
const serverSidePackages = /^(@prisma\/|prisma$|pg$|pg-|postgres$|@electric-sql\/|argon2$|@node-rs\/argon2|fastify|@fastify\/|rate-limiter-flexible|@peculiar\/x509)/;

export const zones: Zone[] = [
  // Test code is not shipped: a test may reach into any zone it exercises.
  { name: "tests", files: ["tests/", "e2e/", "bench/", "*.test.ts", "*.test.tsx"], mayImport: ["*"], why: "tests, browser tests and benchmarks drive every zone" },
  { name: "tooling", files: ["scripts/", "vitest.config.ts", "playwright.config.ts", "eslint.config.mjs", "postcss.config.mjs"], mayImport: ["*"], why: "repository tooling, run by developers and CI" },
  {
    name: "contracts",
    files: ["contracts/"],
    mayImport: ["contracts", "observability"],
    onlyOf: { observability: ["observability/request-id.mjs"] },
    packagesAllowed: /^zod$/,
    why: "shapes and pure helpers shared by every zone: no I/O, no `node:` module, no secrets (the request id's header is declared with its rules, a pure module)",
  },
  {
    name: "observability",
    files: ["observability/"],
    mayImport: ["observability"],
    packagesAllowed: /^(node:|pino$|@elastic\/ecs-pino-format$|@opentelemetry\/|@sentry\/node$)/,
    why: "what every process shares to be observed: the ECS logger, secret redaction, trace context, error reports; plain JavaScript, since the web tier's own server runs it before Next.js",
  },
  {
    name: "web-server",
    files: ["lib/server/"],
    mayImport: ["web-server", "web", "contracts", "observability"],
    packagesDenied: serverSidePackages,
    why: "the web tier's server-only client of the access service (mTLS), the only web code holding its certificate",
  },
  {
    name: "web",
    files: ["app/", "components/", "lib/", "proxy.ts", "next.config.js"],
    mayImport: ["web", "web-server", "contracts", "observability"],
    packagesDenied: serverSidePackages,
    why: "the Next.js web tier on the public host: no database, no keys, no service code",
  },
  { name: "common", files: ["services/common/"], mayImport: ["common", "contracts", "observability"], why: "what both services share: Fastify over mTLS, errors, database opener" },
  { name: "access", files: ["services/access/"], mayImport: ["access", "common", "contracts", "observability"], why: "the access service; it reaches the audit service only over mTLS" },
  { name: "audit", files: ["services/audit/"], mayImport: ["audit", "common", "contracts", "observability"], why: "the audit service, with its own database and keys" },
  // The `tessera` command, one zone per place it runs. Dependencies point one way: the dispatcher → each part;
  // the launcher → pki → operator-events → cli-home. No part imports the launcher or the dispatcher, and
  // none but the host tools imports a service's code (the launcher starts the services by their paths).
  {
    name: "cli",
    files: ["cli/main.ts", "cli/tessera.js"],
    mayImport: ["cli", "launcher", "dev-tools", "pki", "access-host", "audit-host"],
    packagesAllowed: /^tsx$/,
    why: "the `tessera` dispatcher: it loads the one command module asked for, and holds no code of its own",
  },
  {
    name: "cli-home",
    files: ["cli/home.ts"],
    mayImport: ["contracts"],
    packagesAllowed: /^node:path$/,
    why: "the data folder's layout (PKI files, each service's folder) that every part shares: paths only, no I/O",
  },
  {
    name: "operator-events",
    files: ["cli/operator-events/"],
    mayImport: ["operator-events", "cli-home", "contracts", "common"],
    onlyOf: { common: ["services/common/http/mtls-client.ts"] },
    packagesAllowed: /^node:/,
    why: "the audit events of operator actions: journalled in the data folder, then handed to the access service's operator endpoint with the operator's certificate (its mTLS client, nothing else of the services)",
  },
  {
    name: "pki",
    files: ["cli/pki/"],
    mayImport: ["pki", "cli-home", "operator-events", "contracts"],
    packagesAllowed: /^(node:|@peculiar\/x509$|reflect-metadata$|zod$)/,
    why: "the offline CA an operator runs on an operator machine: no service code, no network client; its audit events leave only through operator-events, and wait in the journal while no access service answers",
  },
  {
    name: "launcher",
    files: ["cli/launcher/"],
    mayImport: ["launcher", "pki", "operator-events", "cli-home", "contracts", "common", "observability"],
    onlyOf: { common: ["services/common/http/mtls-client.ts", "services/common/tls/watch-files.ts"], observability: ["observability/logger.mjs", "observability/settings.mjs"] },
    packagesAllowed: /^node:/,
    why: "the developer launcher: starts audit, access and web on one machine by their paths (never importing their code), keeps their certificates through the PKI, and probes them with the mTLS client",
  },
  {
    name: "dev-tools",
    files: ["cli/dev-tools/"],
    mayImport: ["dev-tools", "cli-home", "common"],
    onlyOf: { common: ["services/common/db/migrate.ts"] },
    packagesAllowed: /^(node:|pg$|@prisma\/(adapter-pg|driver-adapter-utils|schema-engine-wasm)$)/,
    why: "developer tooling: Prisma clients, SQL migrations diffed offline against a scratch database built by the services' own migrator, the test runner",
  },
  {
    name: "access-host",
    files: ["cli/access-host/"],
    mayImport: ["access-host", "access", "common", "cli-home", "operator-events", "contracts", "launcher"],
    onlyOf: { common: ["services/common/db/"], launcher: ["cli/launcher/process-env.ts", "cli/launcher/process-settings.ts"] },
    packagesAllowed: /^node:/,
    why: "tools run on the access host with the access service's own configuration, keys and database (keys, import django-licenses, selfcheck); nothing of the audit service; of the launcher only the web tier's declared environment, which selfcheck inspects",
  },
  {
    name: "audit-host",
    files: ["cli/audit-host/"],
    mayImport: ["audit-host", "audit", "common", "cli-home"],
    onlyOf: { common: ["services/common/db/"] },
    packagesAllowed: /^(node:|jose$)/,
    why: "`tessera audit verify`, run on the audit host with the audit service's configuration, chain key and database; nothing of the access service",
  },
];

/**
 * Modules marked `"use client"`, and every module they import (type-only imports included), run in
 * the browser: on top of their own zone's rule they may import only these zones and packages. A
 * `"use server"` module they import is an action reference, not code sent to the browser, so the
 * walk stops there.
 */
export const clientRule: Omit<Zone, "files"> = {
  name: "web-client",
  mayImport: ["web", "contracts", "observability"],
  // The request id's header, which contracts/identities.ts re-exports: a pure module without imports.
  onlyOf: { observability: ["observability/request-id.mjs"] },
  packagesDenied: /^(server-only$|node:)/,
  why: "code sent to the browser never imports lib/server or server-only modules, not even for a type",
};
