// The web tier runs on the public host and must hold nothing sensitive: what it may import is the
// `web` zone's rule in import-zones.ts (checked by import-boundaries.test.ts); here, that none of its
// code reads a database URL or key, and that the process is started without any.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { homeLayout } from "../../cli/home";
import { webEnv } from "../../cli/launcher/process-env";
import { listSourceFiles, reachableFrom, repoRoot } from "./import-graph";
import { zones } from "./import-zones";

const webZones = zones.filter((z) => z.name === "web" || z.name === "web-server").flatMap((z) => z.files);
const webFiles = [...reachableFrom(listSourceFiles(webZones).filter((f) => !/\.test\.tsx?$/.test(f))).keys()].filter((f) => fs.existsSync(path.join(repoRoot, f)));

describe("the web tier holds nothing sensitive", () => {
  it("has web code to check (the scan is not vacuous)", () => {
    expect(webFiles.filter((f) => f.startsWith("app/")).length).toBeGreaterThan(3);
    expect(webFiles.some((f) => f.startsWith("lib/server/"))).toBe(true);
  });

  it("reads no database URL or key from its environment", () => {
    const offenders = webFiles.filter((f) => /process\.env\.(\w*DATABASE_URL|\w*_KEY_FILE|AUDIT_\w+)/.test(fs.readFileSync(path.join(repoRoot, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("is started with only its certificate, the CA, the access URL and its session secret", () => {
    const env = webEnv(homeLayout("/srv/tessera"), { accessUrl: "https://a:7443", publicUrl: "http://w:3000", sessionSecret: "s" });
    expect(Object.keys(env).filter((k) => /DATABASE|KEYRING|CHAIN|DIGEST|SIGNING|AUDIT|DATA_DIR/.test(k))).toEqual([]);
    expect(env.TLS_KEY_FILE).toBe("/srv/tessera/pki/issued/web.key");
    expect(Object.values(env).filter((v) => /access\/|audit\/|ca\.key/.test(v))).toEqual([]);
  });
});
