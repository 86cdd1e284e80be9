// What the declared policies must say, written out: which of Tessera's own identities may call what (each
// only what it does), and that every endpoint acting for a person names its permission. The services
// enforce whatever the tables say (tests/integration/access-endpoint-matrix.test.ts); this pins the tables.
import { describe, expect, it } from "vitest";
import { accessPolicies } from "./access-policies";
import { auditPolicies } from "./audit-policies";
import { admitsCaller, metaPolicies, requiresStepUp, type EndpointPolicy, stepUpPassesWithoutFactor } from "./route-policy";

const all = (table: Record<string, EndpointPolicy>) => Object.values(table);
const admitted = (table: Record<string, EndpointPolicy>, identity: string) =>
  all(table).filter((p) => p.callers !== "any" && admitsCaller(p, identity)).map((p) => p.endpoint).sort();

describe("access service policies", () => {
  it("the operator reaches only its own endpoints and the setup status its launcher prints a link from", () => {
    expect(admitted(accessPolicies, "operator")).toEqual(["GET /v1/setup/status", "POST /v1/operator/events"]);
  });
  it("the audit and access identities call nothing of the access service but what any identity may", () => {
    expect(admitted(accessPolicies, "audit")).toEqual([]);
    expect(admitted(accessPolicies, "access")).toEqual([]);
  });
  it("components reach validation, activations, introspection, revocation, the token endpoint, the metadata, their disclosure reports and their disposition parts; nothing of a person's", () => {
    expect(admitted(accessPolicies, "reports-worker")).toEqual([
      "GET /.well-known/oauth-authorization-server", "GET /v1/component-dispositions", "POST /oauth/introspect", "POST /oauth/revoke", "POST /oauth/token",
      "POST /v1/activations", "POST /v1/activations/heartbeat", "POST /v1/activations/release", "POST /v1/disclosures", "POST /v1/dispositions/:id/acknowledgements", "POST /v1/licenses/validate",
    ]);
  });
  it("the web tier never validates, introspects, revokes by token or obtains tokens", () => {
    for (const endpoint of ["POST /v1/licenses/validate", "POST /v1/activations", "POST /v1/activations/heartbeat", "POST /v1/activations/release", "POST /oauth/introspect", "POST /oauth/revoke", "POST /oauth/token", "GET /.well-known/oauth-authorization-server", "POST /v1/operator/events"] as const) {
      expect(admitsCaller(accessPolicies[endpoint], "web"), endpoint).toBe(false);
    }
  });
  it("every endpoint with a live-session bearer is the web tier's, and names a permission unless it is the person's own account", () => {
    // The person's own account is everything under /v1/me (their sessions, their password), and nothing else.
    const own = (endpoint: string) => /^[A-Z]+ \/v1\/me(\/|$)/.test(endpoint);
    for (const p of all(accessPolicies).filter((p) => p.bearer === "session")) {
      expect(p.callers, p.endpoint).toEqual(["web"]);
      expect(p.permission === undefined, p.endpoint).toBe(own(p.endpoint));
    }
  });
  it("asks for a fresh second factor before revealing a license key, revoking all of a license's tokens, exporting disclosures, replacing recovery codes, resetting another person's factors and changing a tenant's second-factor requirement", () => {
    const stepUps = all(accessPolicies).filter((p) => requiresStepUp(p) && !stepUpPassesWithoutFactor(p)).map((p) => p.endpoint).sort();
    expect(stepUps).toEqual(["GET /v1/disclosures/export", "POST /v1/licenses/:id/reveal-key", "POST /v1/licenses/:id/tokens/revoke-all", "POST /v1/me/recovery-codes", "POST /v1/security/storage-rotations", "POST /v1/users/:userId/second-factors/reset", "PUT /v1/tenants/:id/second-factor-requirement"]);
  });
  it("asks a person who has a factor to give it before adding another, and lets the first be added without one", () => {
    const adding = all(accessPolicies).filter(stepUpPassesWithoutFactor).map((p) => p.endpoint).sort();
    expect(adding).toEqual(["POST /v1/me/second-factors/:id/confirm", "POST /v1/me/second-factors/passkey", "POST /v1/me/second-factors/passkey/options", "POST /v1/me/second-factors/totp"]);
    expect(adding.every((e) => requiresStepUp(accessPolicies[e as keyof typeof accessPolicies]))).toBe(true);
  });
  it("only the probes, the OpenAPI document and the JWKS are open to every identity", () => {
    const open = [...all(accessPolicies), ...all(metaPolicies)].filter((p) => p.callers === "any").map((p) => p.endpoint).sort();
    expect(open).toEqual(["GET /.well-known/jwks.json", "GET /healthz", "GET /metrics", "GET /openapi.json", "GET /readyz"]);
  });
});

describe("audit service policies", () => {
  it("takes writes only from the access service; the access service and the operator read", () => {
    const reads = ["GET /v1/chain/checkpoint", "GET /v1/chain/segment/bounds", "GET /v1/chain/segment/entries", "GET /v1/chain/verifications/latest", "GET /v1/chain/verify", "GET /v1/events"];
    // the record of disclosures is read by the access service alone, which decides who may see a tenant's
    expect(admitted(auditPolicies, "access")).toEqual([...reads.slice(0, 5), "GET /v1/disclosures", "GET /v1/disclosures/activity", "GET /v1/events", "POST /v1/events"]);
    expect(admitted(auditPolicies, "operator")).toEqual(reads);
    for (const identity of ["web", "audit", "reports-worker"]) expect(admitted(auditPolicies, identity), identity).toEqual([]);
  });
});
