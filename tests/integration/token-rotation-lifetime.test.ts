// Rotation keeps a token's lifetime: a 600-hour token rotates into a 600-hour one (not the tier's 24-hour
// default), again when the rotated one is rotated in its grace period; the person may choose another
// lifetime (within the tier's maximum, else 422 and nothing changes); a tier that lowered its maximum since
// cuts the kept lifetime; tokens from before the stored lifetime keep creation-to-expiry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateTokenResponse } from "../../contracts/token-api";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, type TokenWorld } from "../support/token-fixtures";

let h: AccessHarness;
let w: TokenWorld;
let read: string;
const hour = 3_600_000;

beforeAll(async () => {
  h = await startAccessService("token-rotation-lifetime");
  w = await createTokenWorld(h, "trl");
  read = `${w.cat.reports.key}:read`;
});
afterAll(async () => h?.close());

const lifetimeOf = (t: { createdAt: string; expiresAt: string }) => Date.parse(t.expiresAt) - Date.parse(t.createdAt);

async function rotate(id: string, body: Record<string, unknown>) {
  const web = await h.as("web");
  return web.json<CreateTokenResponse & { fieldErrors?: Record<string, string[]> }>("POST", `/v1/tokens/${id}/rotate`, body, authorization(w.acme.people.tenant_admin));
}

describe("rotating a token", () => {
  it("keeps the old token's lifetime, through a second rotation in the grace period too", async () => {
    const { token } = await createTokenViaApi(h, w.acme.people.tenant_admin, w.licenseId, { name: "Long", scopes: [read], expiresInHours: 600 });
    expect(token.lifetimeHours).toBe(600);
    const first = await rotate(token.id, { graceHours: 24 });
    expect(first.status).toBe(201);
    expect(lifetimeOf(first.body.token)).toBe(600 * hour);
    expect(first.body.token.lifetimeHours).toBe(600);
    const second = await rotate(first.body.token.id, { graceHours: 0 });
    expect(second.status).toBe(201);
    expect(lifetimeOf(second.body.token)).toBe(600 * hour);
  });

  it("takes the lifetime the person chose instead", async () => {
    const { token } = await createTokenViaApi(h, w.acme.people.tenant_admin, w.licenseId, { scopes: [read], expiresInHours: 600 });
    const rotated = await rotate(token.id, { graceHours: 0, expiresInHours: 48 });
    expect(rotated.status).toBe(201);
    expect(lifetimeOf(rotated.body.token)).toBe(48 * hour);
  });

  it("refuses a chosen lifetime above the tier's maximum with a field message, changing nothing", async () => {
    const { token } = await createTokenViaApi(h, w.acme.people.tenant_admin, w.licenseId, { scopes: [read], expiresInHours: 100 });
    const before = await h.prisma.token.count({ where: { licenseId: w.licenseId } });
    const refused = await rotate(token.id, { graceHours: 0, expiresInHours: 721 });
    expect(refused.status).toBe(422);
    expect(refused.body.fieldErrors?.expiresInHours?.[0]).toMatch(/At most 720 hours/);
    expect(await h.prisma.token.count({ where: { licenseId: w.licenseId } })).toBe(before);
    const row = await h.prisma.token.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.expiresAt.toISOString()).toBe(token.expiresAt);
    const malformed = await rotate(token.id, { graceHours: 0, expiresInHours: 0 });
    expect(malformed.status).toBe(422);
    expect(await h.prisma.token.count({ where: { licenseId: w.licenseId } })).toBe(before);
  });

  it("cuts a kept lifetime to a maximum the tier lowered since", async () => {
    const { token } = await createTokenViaApi(h, w.acme.people.tenant_admin, w.licenseId, { scopes: [read], expiresInHours: 700 });
    await h.prisma.serviceTier.update({ where: { id: w.cat.pro.id }, data: { tokenMaxTtlHours: 200 } });
    try {
      const rotated = await rotate(token.id, { graceHours: 0 });
      expect(rotated.status).toBe(201);
      expect(lifetimeOf(rotated.body.token)).toBe(200 * hour);
    } finally {
      await h.prisma.serviceTier.update({ where: { id: w.cat.pro.id }, data: { tokenMaxTtlHours: 720 } });
    }
  });

  it("keeps creation-to-expiry for a token issued before lifetimes were stored", async () => {
    const { token } = await createTokenViaApi(h, w.acme.people.tenant_admin, w.licenseId, { scopes: [read], expiresInHours: 90 });
    await h.prisma.token.update({ where: { id: token.id }, data: { lifetimeSeconds: null } });
    const rotated = await rotate(token.id, { graceHours: 0 });
    expect(rotated.status).toBe(201);
    expect(lifetimeOf(rotated.body.token)).toBe(90 * hour);
  });
});
