// A component's refused RFC 7009 revocation — a token issued to another OAuth client, a person's token, an
// unknown one — is answered 200 with nothing done (by design) and audited: token.revoke, outcome failure,
// reason not-issued-to-caller, with the caller, the token and its tenant when found; at most one event per
// caller and token a minute, the next carrying how many were suppressed. Real service, TLS and database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OAuthClientDto } from "../../contracts/oauth-api";
import { registerClientViaApi, tokenRequestAs } from "../support/oauth-fixtures";
import { revokeRefusalEvents } from "../support/refusal-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { createTokenViaApi, createTokenWorld, type TokenWorld } from "../support/token-fixtures";

let h: AccessHarness;
let w: TokenWorld;
let first: OAuthClientDto;
/** The suppression window's clock, moved instead of waiting a minute. */
let clock = Date.now();
const form = { "content-type": "application/x-www-form-urlencoded" };

beforeAll(async () => {
  h = await startAccessService("revoke_refusals", {}, { refusalAudit: { now: () => clock } });
  w = await createTokenWorld(h, "rr");
  const read = `${w.cat.reports.key}:read`;
  first = await registerClientViaApi(h, w.admin, w.licenseId, { name: "First", certIdentity: "rr-first", scopes: [read], tokenTtlSeconds: 600 });
  await registerClientViaApi(h, w.admin, w.licenseId, { name: "Second", certIdentity: "rr-second", scopes: [read], tokenTtlSeconds: 600 });
});
afterAll(async () => h?.close());

async function issuedToFirst(): Promise<{ secret: string; id: string }> {
  const issued = await tokenRequestAs(h, "rr-first", { grant_type: "client_credentials", client_id: first.id });
  expect(issued.status).toBe(200);
  const secret = String(issued.body.access_token);
  const row = await h.prisma.token.findFirstOrThrow({ where: { clientId: first.id }, orderBy: { createdAt: "desc" } });
  return { secret, id: row.id };
}

const revokeAs = async (identity: string, token: string) => (await h.as(identity)).raw("POST", "/oauth/revoke", new URLSearchParams({ token }).toString(), form);
const eventsFor = async (tokenId: string | null) => (await revokeRefusalEvents(h)).filter((e) => (e.target?.id ?? null) === tokenId);

describe("a component's refused revocation", () => {
  it("is audited for the token's tenant with the caller, once a window, the next event carrying the suppressed count", async () => {
    const token = await issuedToFirst();
    const firstTry = await revokeAs("rr-second", token.secret);
    expect(firstTry.status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await revokeAs("rr-second", token.secret)).status).toBe(200);
    expect((await h.prisma.token.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();

    const once = await eventsFor(token.id);
    expect(once).toHaveLength(1);
    expect(once[0]).toMatchObject({
      action: "token.revoke",
      outcome: "failure",
      actor: { type: "service", id: "rr-second", label: "rr-second" },
      target: { type: "token", id: token.id },
      tenantId: w.acme.tenant.id,
      sourceIp: "127.0.0.1", // a component's own address: its TCP peer
      requestId: firstTry.headers["x-request-id"],
      data: { reason: "not-issued-to-caller", via: "oauth-revoke", licenseId: w.licenseId, suppressedBefore: 0, windowSeconds: 60 },
    });

    clock += 60_000;
    expect((await revokeAs("rr-second", token.secret)).status).toBe(200);
    const twice = await eventsFor(token.id);
    expect(twice).toHaveLength(2);
    expect(twice.map((e) => e.data.suppressedBefore).sort()).toEqual([0, 4]);
  });

  it("is audited for a person's token, in that person's tenant, whichever component tries", async () => {
    const personal = await createTokenViaApi(h, w.other.people.tenant_admin, w.otherLicenseId, { scopes: [`${w.cat.reports.key}:read`] });
    for (const identity of ["rr-first", "reports-worker"]) expect((await revokeAs(identity, personal.secret)).status).toBe(200);
    expect((await h.prisma.token.findUniqueOrThrow({ where: { id: personal.token.id } })).revokedAt).toBeNull();
    const events = await eventsFor(personal.token.id);
    expect(events.map((e) => e.actor.id).sort()).toEqual(["reports-worker", "rr-first"]);
    for (const e of events) expect(e).toMatchObject({ tenantId: w.other.tenant.id, data: { reason: "not-issued-to-caller", licenseId: w.otherLicenseId } });
  });

  it("is audited without a token or tenant for an unknown or malformed token, one per caller a window", async () => {
    const before = (await eventsFor(null)).filter((e) => e.actor.id === "rr-second").length;
    for (const token of [`tsr_${"A".repeat(49)}`, "not-a-token", `tsr_${"B".repeat(49)}`]) expect((await revokeAs("rr-second", token)).status).toBe(200);
    const unknown = (await eventsFor(null)).filter((e) => e.actor.id === "rr-second");
    expect(unknown).toHaveLength(before + 1);
    expect(unknown.at(-1)).toMatchObject({ tenantId: null, target: null, data: { reason: "not-issued-to-caller" } });
  });

  it("is not a refusal when the client it was issued to revokes it: one success event, no failure", async () => {
    const token = await issuedToFirst();
    expect((await revokeAs("rr-first", token.secret)).status).toBe(200);
    expect((await revokeAs("rr-first", token.secret)).status).toBe(200); // already revoked: idempotent, nothing to audit
    expect((await h.prisma.token.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).not.toBeNull();
    expect(await eventsFor(token.id)).toEqual([]);
    const successes = (await h.prisma.outboxEvent.findMany()).map((r) => r.payload as { action: string; outcome: string; target: { id: string } | null }).filter((e) => e.action === "token.revoke" && e.outcome === "success" && e.target?.id === token.id);
    expect(successes).toHaveLength(1);
  });
});
