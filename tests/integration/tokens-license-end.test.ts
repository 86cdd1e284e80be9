// A token never outlives its license: on a license ending in five minutes, a person's token (created or
// rotated, asking for hours) and an OAuth client's token (asking for an hour) all end when the license
// does, and what the service says (expiresAt, expires_in, introspection's exp) is that end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateTokenResponse } from "../../contracts/token-api";
import { insertLicenseRow } from "../support/license-fixtures";
import { registerClientViaApi, tokenRequestAs } from "../support/oauth-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, introspectorFor, type TokenWorld } from "../support/token-fixtures";

let h: AccessHarness;
let w: TokenWorld;
let licenseId: string;
let endsAt: Date;
const read = "tlereports:read";

beforeAll(async () => {
  h = await startAccessService("tokens-license-end");
  w = await createTokenWorld(h, "tle");
  // Whole seconds, as introspection's exp counts them.
  endsAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 5 * 60_000);
  licenseId = (await insertLicenseRow(h, { tenantId: w.acme.tenant.id, componentId: w.cat.reports.id, tierId: w.cat.pro.id, endsAt })).id;
});
afterAll(async () => h?.close());

describe("a token never outlives its license", () => {
  it("a person's token asked for hours ends with the license, by the default lifetime too", async () => {
    for (const input of [{ scopes: [read], expiresInHours: 24 }, { scopes: [read] }]) {
      const { token, secret } = await createTokenViaApi(h, w.acme.people.tenant_admin, licenseId, input);
      expect(new Date(token.expiresAt).getTime()).toBe(endsAt.getTime());
      const introspected = await (await introspectorFor(h))(secret);
      expect(introspected).toMatchObject({ active: true, exp: endsAt.getTime() / 1000 });
    }
  });

  it("a rotated token ends with the license", async () => {
    const { token } = await createTokenViaApi(h, w.acme.people.tenant_admin, licenseId, { scopes: [read] });
    const web = await h.as("web");
    const rotated = await web.json<CreateTokenResponse>("POST", `/v1/tokens/${token.id}/rotate`, { graceHours: 1 }, authorization(w.acme.people.tenant_admin));
    expect(rotated.status).toBe(201);
    expect(new Date(rotated.body.token.expiresAt).getTime()).toBe(endsAt.getTime());
    // The grace period of the old one cannot outlast the license either.
    const old = await h.prisma.token.findUniqueOrThrow({ where: { id: token.id } });
    expect(old.expiresAt.getTime()).toBeLessThanOrEqual(endsAt.getTime());
  });

  it("an OAuth client's hour-long token says expires_in up to the license's end, and its exp is that end", async () => {
    const client = await registerClientViaApi(h, w.acme.people.tenant_admin, licenseId, { name: "Short", certIdentity: "tle-worker", scopes: [read], tokenTtlSeconds: 3600 });
    const before = Date.now();
    const res = await tokenRequestAs(h, "tle-worker", { grant_type: "client_credentials", client_id: client.id });
    const after = Date.now();
    expect(res.status).toBe(200);
    const expiresIn = Number(res.body.expires_in);
    expect(expiresIn).toBeLessThanOrEqual(Math.ceil((endsAt.getTime() - before) / 1000));
    expect(expiresIn).toBeGreaterThanOrEqual(Math.floor((endsAt.getTime() - after) / 1000) - 1);
    const introspected = await (await introspectorFor(h))(String(res.body.access_token));
    expect(introspected).toMatchObject({ active: true, exp: endsAt.getTime() / 1000 });
  });

  it("on a license ending in a year, the asked lifetime stands", async () => {
    const client = await registerClientViaApi(h, w.acme.people.tenant_admin, w.licenseId, { name: "Long", certIdentity: "tle-long", scopes: [read], tokenTtlSeconds: 3600 });
    const res = await tokenRequestAs(h, "tle-long", { grant_type: "client_credentials", client_id: client.id });
    expect(res.body.expires_in).toBe(3600);
  });
});
