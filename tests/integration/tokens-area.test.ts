// The Tokens area's API: every token the person may see across licenses (another tenant's: none), its
// filters, search and pages; the platform administrator's lookup of a pasted token (checksum, digest) or
// prefix, and revocation saying it leaked — the pasted token absent from the service's log and events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListAllTokensResponse } from "../../contracts/token-api";
import type { LookupTokenResponse } from "../../contracts/token-leak-api";
import { authorization } from "../support/tenant-fixtures";
import { insertLicenseRow } from "../support/license-fixtures";
import { createTokenViaApi, createTokenWorld, tokenSnapshot, type TokenWorld } from "../support/token-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
let w: TokenWorld;
let read: string;
let secondLicenseId: string;
const made: Record<string, { id: string; secret: string; displayPrefix: string }> = {};

beforeAll(async () => {
  h = await startAccessService("tokens-area", {}, { logLevel: "info" });
  w = await createTokenWorld(h, "ta");
  read = `${w.cat.reports.key}:read`;
  secondLicenseId = (await insertLicenseRow(h, { tenantId: w.acme.tenant.id, componentId: w.cat.etl.id, tierId: w.cat.pro.id })).id;
  const make = async (key: string, licenseId: string, name: string, expiresInHours?: number) => {
    const scopes = [licenseId === secondLicenseId ? `${w.cat.etl.key}:run` : read];
    const r = await createTokenViaApi(h, w.admin, licenseId, { name, scopes, expiresInHours });
    made[key] = { id: r.token.id, secret: r.secret, displayPrefix: r.token.displayPrefix };
  };
  await make("deploy", w.licenseId, "Deploy bot", 12);
  await make("reports", w.licenseId, "Reports nightly");
  await make("second", secondLicenseId, "Second license token");
  await make("otherTenant", w.otherLicenseId, "Other tenant bot");
  // The others end in 20 days, beyond the 24-hour window.
  await h.prisma.token.updateMany({ where: { id: { in: [made.reports!.id, made.second!.id, made.otherTenant!.id] } }, data: { expiresAt: new Date(Date.now() + 20 * 86_400_000) } });
  await h.prisma.token.update({ where: { id: made.reports!.id }, data: { revokedAt: new Date(), revokeReason: "revoked" } });
}, 120_000);
afterAll(async () => h?.close());

async function list(person = w.admin, query: Record<string, string> = {}) {
  const web = await h.as("web");
  const res = await web.json<ListAllTokensResponse>("GET", `/v1/tokens?${new URLSearchParams(query)}`, undefined, authorization(person));
  return res;
}
const ids = (r: ListAllTokensResponse) => r.tokens.map((t) => t.id).sort();

describe("GET /v1/tokens", () => {
  it("a platform admin sees every tenant's tokens, each with its license and tenant", async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(Object.values(made).map((m) => m.id).sort());
    const other = res.body.tokens.find((t) => t.id === made.otherTenant!.id)!;
    expect(other.tenant).toEqual({ id: w.other.tenant.id, name: w.other.tenant.name });
    expect(other.license.id).toBe(w.otherLicenseId);
    expect(other.license.component.key).toBe(w.cat.reports.key);
    expect(res.body.tokens.find((t) => t.id === made.second!.id)!.license.component.key).toBe(w.cat.etl.key);
  });

  it("a tenant's people see their tenant's tokens only; naming another tenant finds nothing", async () => {
    for (const role of ["tenant_admin", "tenant_member"] as const) {
      const own = await list(w.acme.people[role]);
      expect(own.status).toBe(200);
      expect(ids(own.body)).toEqual([made.deploy!.id, made.reports!.id, made.second!.id].sort());
      const widened = await list(w.acme.people[role], { tenantId: w.other.tenant.id });
      expect(widened.body.tokens).toEqual([]);
      expect(widened.body.total).toBe(0);
      const otherLicense = await list(w.acme.people[role], { licenseId: w.otherLicenseId });
      expect(otherLicense.body.tokens).toEqual([]);
    }
    expect(ids((await list(w.other.people.tenant_member)).body)).toEqual([made.otherTenant!.id]);
  });

  it("a district reviewer (no tokens.read) is refused, and no bearer is 401", async () => {
    expect((await list(w.acme.people.district_reviewer)).status).toBe(403);
    const web = await h.as("web");
    expect((await web.json("GET", "/v1/tokens")).status).toBe(401);
  });

  it("filters by status, license, tenant and expiry", async () => {
    expect(ids((await list(w.admin, { status: "revoked" })).body)).toEqual([made.reports!.id]);
    expect(ids((await list(w.admin, { status: "active", tenantId: w.acme.tenant.id })).body)).toEqual([made.deploy!.id, made.second!.id].sort());
    expect(ids((await list(w.admin, { licenseId: secondLicenseId })).body)).toEqual([made.second!.id]);
    expect(ids((await list(w.admin, { expiresWithin: "24h" })).body)).toEqual([made.deploy!.id]);
    // The revoked one ends within 30 days too, but is not live.
    expect(ids((await list(w.admin, { expiresWithin: "30d" })).body)).toEqual([made.deploy!.id, made.second!.id, made.otherTenant!.id].sort());
    const bad = await list(w.admin, { expiresWithin: "1y" });
    expect(bad.status).toBe(422);
  });

  it("searches by name (any case) and by display prefix, with or without tsr_", async () => {
    expect(ids((await list(w.admin, { search: "deploy" })).body)).toEqual([made.deploy!.id]);
    expect(ids((await list(w.admin, { search: made.second!.displayPrefix })).body)).toEqual([made.second!.id]);
    expect(ids((await list(w.admin, { search: made.second!.displayPrefix.slice(4, 10) })).body)).toContain(made.second!.id);
  });

  it("takes % and _ in a search as themselves, not as wildcards", async () => {
    for (const search of ["%", "____", "tsr_%", "\\"]) expect(ids((await list(w.admin, { search })).body), search).toEqual([]);
  });

  it("refuses a whole token in the search (it would travel in an address), a license's list too", async () => {
    const res = await list(w.admin, { search: made.deploy!.secret });
    expect(res.status).toBe(422);
    expect((await list(w.admin, { search: made.deploy!.secret.slice(4) })).status, "without its tsr_ too").toBe(422);
    const web = await h.as("web");
    const own = await web.json<{ fieldErrors: Record<string, string[]> }>("GET", `/v1/licenses/${w.licenseId}/tokens?search=${made.deploy!.secret}`, undefined, authorization(w.acme.people.tenant_admin));
    expect(own.status).toBe(422);
    expect(own.body.fieldErrors.search?.[0]).toMatch(/whole token/);
    expect((await web.json("GET", `/v1/licenses/${w.licenseId}/tokens?search=${made.deploy!.displayPrefix}`, undefined, authorization(w.acme.people.tenant_admin))).status).toBe(200);
  });

  it("pages with a cursor: two pages of two hold the four tokens once each", async () => {
    const first = await list(w.admin, { limit: "2" });
    expect(first.body.tokens).toHaveLength(2);
    expect(first.body.total).toBe(4);
    const second = await list(w.admin, { limit: "2", cursor: first.body.nextCursor! });
    expect(second.body.nextCursor).toBeNull();
    expect([...ids(first.body), ...ids(second.body)].sort()).toEqual(Object.values(made).map((m) => m.id).sort());
    expect((await list(w.admin, { cursor: "not-a-cursor" })).status).toBe(422);
  });
});

type LookupEvent = { action: string; outcome: string; actor: { type: string; id: string }; target: { type: string; id: string } | null; tenantId: string | null; sourceIp: string | null; requestId: string; data: Record<string, unknown> };

/** The lookup events one request left, by its request id. */
async function lookupEvents(requestId: string): Promise<LookupEvent[]> {
  const rows = await h.prisma.outboxEvent.findMany({ where: { AND: [{ payload: { path: ["action"], equals: "token.lookup" } }, { payload: { path: ["requestId"], equals: requestId } }] } });
  return rows.map((r) => r.payload as LookupEvent);
}

describe("POST /v1/tokens/lookup", () => {
  const browser = "203.0.113.9";
  const lookup = async (value: unknown, person = w.admin) =>
    (await h.as("web")).json<LookupTokenResponse & { requestId?: string }>("POST", "/v1/tokens/lookup", { value }, { ...authorization(person), "x-tessera-client-ip": browser });

  it("finds a whole token by its digest, in any tenant", async () => {
    const res = await lookup(made.otherTenant!.secret);
    expect(res.status).toBe(200);
    expect(res.body.by).toBe("token");
    expect(res.body.matches.map((t) => t.id)).toEqual([made.otherTenant!.id]);
    expect(res.body.matches[0]!.tenant.name).toBe(w.other.tenant.name);
  });

  it("finds a token by its display prefix, with the ellipsis lists show", async () => {
    for (const value of [made.deploy!.displayPrefix, `${made.deploy!.displayPrefix}…`]) {
      const res = await lookup(value);
      expect(res.status, value).toBe(200);
      expect(res.body.by).toBe("prefix");
      expect(res.body.matches.map((t) => t.id)).toContain(made.deploy!.id);
    }
  });

  it("refuses a token whose checksum does not match, before any lookup, naming the field", async () => {
    const secret = made.deploy!.secret;
    const flipped = secret.slice(0, 20) + (secret[20] === "A" ? "B" : "A") + secret.slice(21);
    const res = await lookup(flipped);
    expect(res.status).toBe(422);
    expect((res.body as unknown as { fieldErrors: Record<string, string[]> }).fieldErrors.value?.[0]).toMatch(/checksum/);
    expect((await lookup(secret.slice(0, -1))).status).toBe(422);
    expect((await lookup("ghp_notours")).status).toBe(422);
  });

  it("answers 404 for a well-formed token that is not Tessera's, and for an unknown prefix", async () => {
    const { generateToken } = await import("../../services/access/domain/tokens/token-format");
    expect((await lookup(generateToken())).status).toBe(404);
    expect((await lookup("tsr_00000000")).status).toBe(404);
  });

  it("is for platform administrators only: a tenant admin is refused and nothing changes", async () => {
    const before = await tokenSnapshot(h);
    expect((await lookup(made.deploy!.secret, w.acme.people.tenant_admin)).status).toBe(403);
    expect(await tokenSnapshot(h)).toBe(before);
  });

  it("lands on the token and revokes it as leaked in one step: the reason is kept and audited", async () => {
    const web = await h.as("web");
    const found = await lookup(made.second!.secret);
    const id = found.body.matches[0]!.id;
    const res = await web.json<{ token: { revokeReason: string; status: string } }>("POST", `/v1/tokens/${id}/revoke`, { reason: "leaked" }, authorization(w.admin));
    expect(res.status).toBe(200);
    expect(res.body.token).toMatchObject({ status: "revoked", revokeReason: "leaked" });
    const events = await h.prisma.outboxEvent.findMany({ where: { payload: { path: ["target", "id"], equals: id } } });
    const revoke = events.map((e) => e.payload as { action: string; data: Record<string, unknown> }).find((e) => e.action === "token.revoke");
    expect(revoke?.data).toMatchObject({ reason: "leaked", licenseId: secondLicenseId });
    expect((await web.json("POST", `/v1/tokens/${id}/revoke`, { reason: "stolen" }, authorization(w.admin))).status).toBe(422);
  });

  it("audits a whole token found in the token's tenant's log, with who looked and from where", async () => {
    const res = await lookup(made.otherTenant!.secret);
    expect(res.status).toBe(200);
    const events = await lookupEvents(String(res.headers["x-request-id"]));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      outcome: "success",
      actor: { type: "user", id: w.admin.user.id },
      target: { type: "token", id: made.otherTenant!.id },
      tenantId: w.other.tenant.id,
      sourceIp: browser,
      data: { result: "found", by: "token", matched: 1, licenseId: w.otherLicenseId, displayPrefix: made.otherTenant!.displayPrefix },
    });
  });

  it("audits a prefix lookup once per token shown, each in its tenant's log, with how many matched", async () => {
    // A second token in another tenant shares the deploy token's display prefix.
    const twin = await h.prisma.token.findUniqueOrThrow({ where: { id: made.otherTenant!.id } });
    await h.prisma.token.update({ where: { id: twin.id }, data: { displayPrefix: made.deploy!.displayPrefix } });
    try {
      const res = await lookup(`${made.deploy!.displayPrefix}…`);
      expect(res.status).toBe(200);
      const events = await lookupEvents(String(res.headers["x-request-id"]));
      expect(events.map((e) => [e.target?.id, e.tenantId]).sort()).toEqual(
        [
          [made.deploy!.id, w.acme.tenant.id],
          [made.otherTenant!.id, w.other.tenant.id],
        ].sort(),
      );
      expect(events.every((e) => e.outcome === "success" && e.data.by === "prefix" && e.data.matched === 2 && e.sourceIp === browser)).toBe(true);
    } finally {
      await h.prisma.token.update({ where: { id: twin.id }, data: { displayPrefix: twin.displayPrefix } });
    }
  });

  it("audits a lookup that finds nothing, and a malformed one, as platform-level failures naming no value", async () => {
    const { generateToken } = await import("../../services/access/domain/tokens/token-format");
    const secret = made.deploy!.secret;
    const flipped = secret.slice(0, 20) + (secret[20] === "A" ? "B" : "A") + secret.slice(21);
    const cases: [unknown, number, Record<string, unknown>][] = [
      [generateToken(), 404, { result: "not-found", by: "token", reason: "not-found" }],
      ["tsr_00000000", 404, { result: "not-found", by: "prefix", reason: "not-found" }],
      [flipped, 422, { result: "malformed", reason: "checksum-mismatch" }],
      [secret.slice(0, -1), 422, { result: "malformed", reason: "wrong-length" }],
      ["ghp_notours", 422, { result: "malformed", reason: "not-a-token" }],
      ["", 422, { result: "malformed", reason: "invalid-request" }],
    ];
    for (const [value, status, data] of cases) {
      const res = await lookup(value);
      expect(res.status, String(value)).toBe(status);
      const events = await lookupEvents(String(res.headers["x-request-id"]));
      expect(events, String(value)).toHaveLength(1);
      expect(events[0], String(value)).toMatchObject({ outcome: "failure", actor: { id: w.admin.user.id }, target: null, tenantId: null, sourceIp: browser });
      expect(events[0]!.data, String(value)).toEqual(data);
    }
  });

  it("a tenant admin's refused lookup is the policy's refusal, not a lookup", async () => {
    const res = await lookup(made.deploy!.secret, w.acme.people.tenant_admin);
    expect(res.status).toBe(403);
    expect(await lookupEvents(String(res.headers["x-request-id"]))).toEqual([]);
  });

  it("never writes the pasted token to the service's log or to any event", async () => {
    const secret = made.deploy!.secret;
    const body = secret.slice(4); // the part a redaction would not show either way
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return original(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      expect((await lookup(secret)).status).toBe(200);
      expect((await lookup(`${secret.slice(0, 30)}x${secret.slice(31)}`)).status).toBe(422);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.stdout.write = original;
    }
    const log = written.join("");
    expect(log).toContain("/v1/tokens/lookup"); // the log was captured
    expect(log).not.toContain(body);
    expect(log).not.toContain(body.slice(10, 40));
    const events = JSON.stringify((await h.prisma.outboxEvent.findMany()).map((e) => e.payload));
    expect(events).toContain('"token.lookup"'); // the lookups were audited
    for (const piece of [body, body.slice(10, 40), body.slice(8, 16), body.slice(-6)]) expect(events).not.toContain(piece);
    // Nor a digest of it: the keyed digest the lookup computed, or a plain SHA-256.
    const { digestToken } = await import("../../services/access/domain/tokens/token-format");
    const { createHash } = await import("node:crypto");
    expect(events).not.toContain(digestToken(h.ctx.keys.secretDigest, secret));
    expect(events).not.toContain(createHash("sha256").update(secret).digest("hex"));
  });
});
