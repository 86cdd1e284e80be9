// The trust zones of the source tree and what each may import: the one declaration that
// import-boundaries.test.ts enforces over the real import graph (and the README's table describes).

export type Zone = {
  name: string;
  /** Path prefixes of its files; the first zone whose prefix matches a file owns it. */
  files: string[];
  /** Zones whose files it may import. */
  mayImport: string[];
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
    mayImport: ["contracts"],
    packagesAllowed: /^zod$/,
    why: "shapes and pure helpers shared by every zone: no I/O, no `node:` module, no secrets",
  },
  {
    name: "web-server",
    files: ["lib/server/"],
    mayImport: ["web-server", "web", "contracts"],
    packagesDenied: serverSidePackages,
    why: "the web tier's server-only client of the access service (mTLS), the only web code holding its certificate",
  },
  {
    name: "web",
    files: ["app/", "components/", "lib/", "proxy.ts", "next.config.js"],
    mayImport: ["web", "web-server", "contracts"],
    packagesDenied: serverSidePackages,
    why: "the Next.js web tier on the public host: no database, no keys, no service code",
  },
  { name: "common", files: ["services/common/"], mayImport: ["common", "contracts"], why: "what both services share: Fastify over mTLS, errors, database opener" },
  { name: "access", files: ["services/access/"], mayImport: ["access", "common", "contracts"], why: "the access service; it reaches the audit service only over mTLS" },
  { name: "audit", files: ["services/audit/"], mayImport: ["audit", "common", "contracts"], why: "the audit service, with its own database and keys" },
  { name: "cli", files: ["cli/"], mayImport: ["cli", "access", "audit", "common", "contracts"], why: "the operator's `tessera` command and the developer launcher" },
];

/**
 * Modules marked `"use client"`, and every module they import (type-only imports included), run in
 * the browser: on top of their own zone's rule they may import only these zones and packages. A
 * `"use server"` module they import is an action reference, not code sent to the browser, so the
 * walk stops there.
 */
export const clientRule: Omit<Zone, "files"> = {
  name: "web-client",
  mayImport: ["web", "contracts"],
  packagesDenied: /^(server-only$|node:)/,
  why: "code sent to the browser never imports lib/server or server-only modules, not even for a type",
};
