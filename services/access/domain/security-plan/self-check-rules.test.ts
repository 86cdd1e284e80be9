// The pure rules of the self-checks: targets are named without their password and refused when they are
// not a kind the checks speak; the web tier's environment as the launcher builds it passes, while a
// database URL or a service key handed to it fails; the password policy in force passes its own check.
import { describe, expect, it } from "vitest";
import { homeLayout } from "../../../../cli/home";
import { webEnv } from "../../../../cli/launcher/process-env";
import { parseTarget, redactUrl } from "./credential-checks";
import { checkPasswordPolicyInForce } from "./password-policy-check";
import { checkWebTierEnvironment } from "./web-tier-check";

const now = () => new Date("2026-12-02T12:00:00Z");

describe("targets", () => {
  it("never shows a password or query", () => {
    expect(redactUrl(parseTarget("amqp://admin:s3cret@broker.internal:5672/vhost?heartbeat=5"))).toBe("amqp://admin@broker.internal:5672/vhost");
    expect(redactUrl(parseTarget("redis://:hunter2@127.0.0.1:6379"))).toBe("redis://127.0.0.1:6379");
    expect(redactUrl(parseTarget("postgresql://app:pw@db:5432/tessera?sslmode=require"))).toBe("postgresql://app@db:5432/tessera");
  });
  it("refuses what it cannot check, without echoing a password", () => {
    expect(() => parseTarget("http://user:topsecret@example.org")).toThrow(/use postgresql:\/\/, amqp:\/\/ or redis:\/\//);
    expect(() => parseTarget("http://user:topsecret@example.org")).not.toThrow(/topsecret/);
    expect(() => parseTarget("not a url")).toThrow(/a target must be a URL/);
  });
});

describe("the web tier's environment", () => {
  const layout = homeLayout("/srv/tessera");
  const rule = (env: Record<string, string>) =>
    checkWebTierEnvironment({ env, source: "test", serviceDataDirs: [layout.accessDir, layout.auditDir], expectedTlsKeyFile: layout.pki.key("web", "client") }, now);
  const declared = (settings: Record<string, string>) => webEnv(layout, { accessUrl: "https://access:7443", publicUrl: "https://tessera.example", sessionSecret: "x", settings });

  it("passes as the launcher builds it, even when the operator's shell holds the services' secrets", () => {
    const result = rule(declared({ ACCESS_DATABASE_URL: "postgresql://u:p@db/access", ACCESS_KEYRING: "{}", AUDIT_CHAIN_KEY_FILE: "/k" }));
    expect(result.result, result.sentence).toBe("pass");
    expect(result.evidence.variables).not.toContain("ACCESS_DATABASE_URL");
  });
  it("fails when given a database URL, a key file of a service or another process's TLS key", () => {
    expect(rule({ ...declared({}), ACCESS_DATABASE_URL: "postgresql://db/access" }).result).toBe("fail");
    expect(rule({ ...declared({}), EXTRA: "postgres://db/x" }).sentence).toMatch(/EXTRA holds a database URL/);
    expect(rule({ ...declared({}), SOME_FILE: `${layout.accessDir}/keys/storage-keyring.json` }).sentence).toMatch(/points into a service's data folder/);
    expect(rule({ ...declared({}), TLS_KEY_FILE: layout.pki.key("access", "server") }).sentence).toMatch(/not the web tier's own client key/);
  });
});

it("the password policy in force passes its own check", () => {
  const result = checkPasswordPolicyInForce(now);
  expect(result.result, result.sentence).toBe("pass");
  expect(result.evidence).toMatchObject({ minLength: 15, compositionRules: false, hashing: { algorithm: "argon2id" } });
});
