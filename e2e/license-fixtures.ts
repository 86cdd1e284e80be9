// What the license-area specs (tokens, OAuth clients) set up through the web tier's own API routes with a
// signed-in page's cookies: a company tenant, a tier with both reporting scopes and an active license on
// it, and a tenant member who joined through an invitation in a browser of their own.
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, signIn } from "./support";

/** A JSON POST to a web-tier API route as the signed-in person; fails the test on anything but 201. */
export async function postCreated<T>(request: APIRequestContext, path: string, data: unknown): Promise<T> {
  const res = await request.post(path, { data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return (await res.json()) as T;
}

/**
 * Tenant `<label>-co-<run>`, tier `<label>-<run>` with reports:read and reports:write (10 live tokens, 24 h
 * by default, 720 h at most), and an active license on it for a year.
 */
export async function createLicenseViaApi(request: APIRequestContext, label: string, run: string): Promise<{ licenseId: string; tenantId: string }> {
  const title = label.charAt(0).toUpperCase() + label.slice(1);
  const { tenant } = await postCreated<{ tenant: { id: string } }>(request, "/api/tenants", { slug: `${label}-co-${run}`, name: `${title} Co ${run}`, kind: "company" });
  const components = (await (await request.get("/api/components")).json()) as { components: { id: string; key: string }[] };
  const reports = components.components.find((c) => c.key === "reports");
  expect(reports, "the seeded Reporting component").toBeTruthy();
  const { tier } = await postCreated<{ tier: { id: string } }>(request, "/api/tiers", {
    key: `${label}-${run}`,
    name: `${title} Testing ${run}`,
    seats: 5,
    tokensPerLicense: 10,
    requestsPerMinute: 600,
    tokenDefaultTtlHours: 24,
    tokenMaxTtlHours: 720,
    scopes: ["reports:read", "reports:write"],
  });
  const now = Date.now();
  const { license } = await postCreated<{ license: { id: string } }>(request, "/api/licenses", {
    tenantId: tenant.id,
    componentId: reports!.id,
    tierId: tier.id,
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 365 * 86_400_000).toISOString(),
  });
  return { licenseId: license.id, tenantId: tenant.id };
}

export type Member = { name: string; email: string; password: string };

/** `member` invited to the tenant by `inviter` (through the API) as `role`, joined and signed in, in a browser of their own. */
export async function joinAsMember(browser: Browser, inviter: Page, tenantId: string, member: Member, role: "tenant_member" | "tenant_admin" = "tenant_member"): Promise<Page> {
  const { inviteUrl } = await postCreated<{ inviteUrl: string }>(inviter.request, `/api/tenants/${tenantId}/invitations`, { email: member.email, role });
  const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
  const p = await context.newPage();
  await p.goto(new URL(inviteUrl).pathname);
  await p.getByLabel("Your name").fill(member.name);
  await p.getByLabel("Password", { exact: true }).fill(member.password);
  await p.getByLabel("Confirm password").fill(member.password);
  await p.getByRole("button", { name: "Accept invitation" }).click();
  await expect(p).toHaveURL(/\/sign-in\?invitation=accepted/);
  await signIn(p, member.email, member.password);
  await expect(p.getByRole("heading", { level: 1, name: `Welcome, ${member.name}` })).toBeVisible();
  return p;
}
