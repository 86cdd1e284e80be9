// Token test helpers: a tenant world with a license whose tier grants reports:read and reports:write,
// tokens created through the API, an RFC 7662 introspector speaking form encoding as real clients do,
// and a snapshot of everything token writes touch (to prove refusals change nothing).
import type { CreateTokenResponse, IntrospectionResponse } from "../../contracts/token-api";
import { changeEventCount } from "./refusal-fixtures";
import { createLicenseCatalogue, insertLicenseRow, type LicenseCatalogue } from "./license-fixtures";
import { giveSecondFactor } from "./mfa-fixtures";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "./tenant-fixtures";
import type { AccessHarness } from "./start-access-service";

export type TokenWorld = {
  admin: SignedInPerson;
  acme: TenantWithPeople;
  other: TenantWithPeople;
  cat: LicenseCatalogue;
  /** acme's license on the pro tier for the reports component: scopes reports:read, reports:write. */
  licenseId: string;
  /** other's license, same shape. */
  otherLicenseId: string;
};

export async function createTokenWorld(h: AccessHarness, prefix = "t"): Promise<TokenWorld> {
  const admin = await createPlatformAdmin(h);
  const acme = await createTenantWithPeople(h, { slug: `${prefix}-acme` });
  const other = await createTenantWithPeople(h, { slug: `${prefix}-other` });
  // Revoking all of a license's tokens asks for a fresh second factor: both tenants' administrators have one.
  await giveSecondFactor(h, acme.people.tenant_admin, other.people.tenant_admin);
  const cat = await createLicenseCatalogue(h, prefix);
  const license = await insertLicenseRow(h, { tenantId: acme.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id });
  const otherLicense = await insertLicenseRow(h, { tenantId: other.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id });
  return { admin, acme, other, cat, licenseId: license.id, otherLicenseId: otherLicense.id };
}

/** Creates a token through POST /v1/licenses/:id/tokens as `person`; throws unless 201. */
export async function createTokenViaApi(
  h: AccessHarness,
  person: SignedInPerson,
  licenseId: string,
  input: { name?: string; scopes: string[]; expiresInHours?: number },
): Promise<CreateTokenResponse> {
  const web = await h.as("web");
  const res = await web.json<CreateTokenResponse>("POST", `/v1/licenses/${licenseId}/tokens`, { name: "CI token", ...input }, authorization(person));
  if (res.status !== 201) throw new Error(`create token failed with ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export type Introspector = (token: string) => Promise<IntrospectionResponse>;

/**
 * Introspects as an internal component over one kept-alive mTLS client, form-encoded (RFC 7662 §2.1).
 * It first lets the service's change feed catch up with what the test just wrote (the cache follows
 * writes through notifications, within milliseconds; tests/integration/tokens-propagation.test.ts
 * measures that, with `waitForChanges: false`), so an assertion right after a write checks the answer,
 * not the race.
 */
export async function introspectorFor(h: AccessHarness, identity = "reports-worker", options = { waitForChanges: true }): Promise<Introspector> {
  const client = await h.as(identity);
  return async (token) => {
    if (options.waitForChanges) await h.validationCache?.feed.sync();
    const res = await client.raw<IntrospectionResponse>("POST", "/oauth/introspect", new URLSearchParams({ token }).toString(), {
      "content-type": "application/x-www-form-urlencoded",
    });
    if (res.status !== 200) throw new Error(`introspect answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
}

/** Everything a token write could touch, comparable before and after a refused request (whose own audit event is left out). */
export async function tokenSnapshot(h: AccessHarness) {
  const [tokens, events] = await Promise.all([h.prisma.token.findMany({ orderBy: { id: "asc" }, omit: { lastUsedAt: true } }), changeEventCount(h)]);
  return JSON.stringify({ tokens, events });
}
