// Access-service endpoints × caller identities (the areas' own tests go through every endpoint with
// every role and tenant): only the identities an endpoint names get past authorisation (others: 403 problem+json, nothing changes); a connection without a certificate
// is refused before any endpoint is reached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

type Route = { method: "GET" | "POST"; path: string; body?: unknown; allowed: string[] };
const routes: Route[] = [
  { method: "GET", path: "/v1/setup/status", allowed: ["web", "operator"] },
  { method: "GET", path: "/v1/setup/links/tsu_x", allowed: ["web"] },
  { method: "POST", path: "/v1/setup", body: { token: "tsu_x", name: "N", email: "n@example.org", password: "p" }, allowed: ["web"] },
  { method: "POST", path: "/v1/auth/sign-in", body: { email: "n@example.org", password: "p" }, allowed: ["web"] },
  { method: "GET", path: "/v1/me", allowed: ["web"] },
  { method: "POST", path: "/v1/auth/sign-out", allowed: ["web"] },
  { method: "GET", path: "/v1/me/sessions", allowed: ["web"] },
  { method: "POST", path: "/v1/me/sessions/ses_x/revoke", allowed: ["web"] },
  { method: "POST", path: "/v1/me/sessions/revoke-others", allowed: ["web"] },
  { method: "POST", path: "/v1/operator/events", body: { events: [] }, allowed: ["operator"] },
  { method: "GET", path: "/healthz", allowed: ["web", "operator", "audit", "reports-worker"] },
  { method: "GET", path: "/readyz", allowed: ["web", "operator", "audit", "reports-worker"] },
  { method: "GET", path: "/metrics", allowed: ["web", "operator", "audit", "reports-worker"] },
  { method: "GET", path: "/openapi.json", allowed: ["web", "operator", "audit", "reports-worker"] },
  { method: "GET", path: "/.well-known/jwks.json", allowed: ["web", "operator", "audit", "reports-worker"] },
  // internal components validate licenses; the web tier acts for people and may not
  { method: "POST", path: "/v1/licenses/validate", body: { key: "tlk_nope" }, allowed: ["operator", "audit", "reports-worker"] },
  // everything a person does goes through the web tier
  { method: "GET", path: "/v1/tenants", allowed: ["web"] },
  { method: "GET", path: "/v1/components", allowed: ["web"] },
  { method: "GET", path: "/v1/tiers", allowed: ["web"] },
  { method: "GET", path: "/v1/licenses", allowed: ["web"] },
  { method: "GET", path: "/v1/invitations/tsi_x", allowed: ["web"] },
  // usage charts: read by people through the web tier only
  { method: "GET", path: "/v1/tokens/tok_x/usage?range=24h", allowed: ["web"] },
  { method: "GET", path: "/v1/licenses/lic_x/token-usage?range=7d", allowed: ["web"] },
];
const identities = ["web", "operator", "audit", "reports-worker"];

let h: AccessHarness;
beforeAll(async () => {
  h = await startAccessService("matrix");
});
afterAll(async () => h?.close());

describe("access service authorisation matrix", () => {
  for (const route of routes) {
    for (const identity of identities) {
      const allowed = route.allowed.includes(identity);
      it(`${route.method} ${route.path} as ${identity}: ${allowed ? "passes authorisation" : "403"}`, async () => {
        const client = await h.as(identity);
        const before = await h.prisma.outboxEvent.count();
        const res = await client.json<{ code?: string }>(route.method, route.path, route.body);
        if (allowed) {
          expect(res.status).not.toBe(403);
          expect(res.status).toBeLessThan(500);
        } else {
          expect(res.status).toBe(403);
          expect(res.headers["content-type"]).toMatch(/problem\+json/);
          expect(res.body.code).toBe("forbidden");
          expect(await h.prisma.outboxEvent.count()).toBe(before);
        }
      });
    }
  }

  it("refuses every endpoint to a connection without a client certificate", async () => {
    const bare = createMtlsClient(h.url, { ca: (await h.pki.client("web")).ca } as never);
    for (const route of routes) await expect(bare.json(route.method, route.path, route.body)).rejects.toThrow();
    await bare.close();
  });
});
