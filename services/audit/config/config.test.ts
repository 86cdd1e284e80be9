import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrCreateChainKey, parseChainKey } from "./chain-key";
import { readAuditConfig } from "./env";

const tlsEnv = { TLS_CA_FILE: "/pki/ca.crt", TLS_CERT_FILE: "/pki/audit.crt", TLS_KEY_FILE: "/pki/audit.key" };

describe("audit configuration", () => {
  it("fills defaults and keeps the chain key beside the data folder", () => {
    const read = readAuditConfig({ ...tlsEnv, AUDIT_DATA_DIR: "/srv/audit" });
    expect(read).toMatchObject({ ok: true, config: { host: "127.0.0.1", port: 7444, databaseUrl: undefined, chainKeyFile: "/srv/audit/keys/chain.key" } });
  });

  it("explains every wrong variable on one line", () => {
    const read = readAuditConfig({ TLS_CA_FILE: "/pki/ca.crt", AUDIT_PORT: "http", AUDIT_DATABASE_URL: "mysql://db/audit" });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.message).not.toContain("\n");
    for (const name of ["AUDIT_PORT", "AUDIT_DATABASE_URL", "AUDIT_DATA_DIR", "TLS_CERT_FILE", "TLS_KEY_FILE"]) expect(read.message).toContain(name);
  });

  it("takes the telemetry settings, and refuses a DSN without its key or an endpoint that is not http(s)", () => {
    const good = readAuditConfig({ ...tlsEnv, AUDIT_DATA_DIR: "/srv/audit", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", SENTRY_DSN: "https://abc@sentry.example/7", OTEL_EXPORTER_OTLP_HEADERS: "Authorization=Bearer x,tenant=t1" });
    expect(good.ok).toBe(true);
    const bad = readAuditConfig({ ...tlsEnv, AUDIT_DATA_DIR: "/srv/audit", OTEL_EXPORTER_OTLP_ENDPOINT: "grpc://collector:4317", SENTRY_DSN: "https://sentry.example/7", OTEL_EXPORTER_OTLP_HEADERS: "no pairs" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    for (const name of ["OTEL_EXPORTER_OTLP_ENDPOINT", "SENTRY_DSN", "OTEL_EXPORTER_OTLP_HEADERS"]) expect(bad.message).toContain(name);
  });
});

describe("audit chain key", () => {
  it("is created once as 32 random bytes in a 0600 file, then read back unchanged", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "chainkey-"));
    try {
      const file = path.join(dir, "keys", "chain.key");
      const first = await loadOrCreateChainKey(file);
      expect(first.created).toBe(true);
      expect(first.key).toHaveLength(32);
      expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
      const again = await loadOrCreateChainKey(file);
      expect(again).toEqual({ key: first.key, created: false });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a key of the wrong length or encoding", () => {
    expect(() => parseChainKey(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => parseChainKey("not base64 at all!")).toThrow(/32 bytes/);
    expect(parseChainKey(`${Buffer.alloc(32, 7).toString("base64")}\n`)).toEqual(Buffer.alloc(32, 7));
  });
});
