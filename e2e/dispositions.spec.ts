// Data disposition in the browser, as the three people who use it: a district admin files a request for all
// of the district's data (refused with clear messages first, then a confirmation naming what will be
// destroyed), the Reporting component acknowledges over mTLS with its own certificate, and the admin
// downloads the certificate, which verifies with jose against the console's published JWKS (/.well-known/jwks.json, no sign-in); a district
// reviewer reads the same page without the means to file; a platform admin sees every district's requests and searches them.
// axe on every state, 390 px wide, keyboard. Serial: each step builds on the last.
import { randomBytes } from "node:crypto";
import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";
import { createLocalJWKSet, jwtVerify } from "jose";
import { expectNoAccessibilityViolations } from "./accessibility";
import { componentClient, type ComponentClient } from "./component-identity";
import { postCreated } from "./license-fixtures";
import { completeFirstAdminSignIn, expect, fillSetupForm, firstAdmin, newSignedInPage, setupPath, signIn, test } from "./support";

const run = randomBytes(3).toString("hex");
const slug = `aspen-${run}`;
const districtName = `Aspen District ${run}`;
const identity = `reports-disposer-${run}`;
const people = {
  admin: { name: "Dora Admin", email: `dora-${run}@aspen.example`, password: "granite meadow pinecone lantern" },
  reviewer: { name: "Rita Reviewer", email: `rita-${run}@aspen.example`, password: "silver brook heron compass" },
};

let platform: Page;
let admin: Page;
let reviewer: Page;
let component: ComponentClient | null = null;
let dispositionId = "";

const requests = (p: Page) => p.getByRole("table", { name: "Disposition requests" });

async function join(browser: Browser, inviter: Page, tenantId: string, role: "tenant_admin" | "district_reviewer", person: { name: string; email: string; password: string }) {
  const { inviteUrl } = await postCreated<{ inviteUrl: string }>(inviter.request, `/api/tenants/${tenantId}/invitations`, { email: person.email, role });
  const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
  const p = await context.newPage();
  await p.goto(new URL(inviteUrl).pathname);
  await p.getByLabel("Your name").fill(person.name);
  await p.getByLabel("Password", { exact: true }).fill(person.password);
  await p.getByLabel("Confirm password").fill(person.password);
  await p.getByRole("button", { name: "Accept invitation" }).click();
  await expect(p).toHaveURL(/\/sign-in\?invitation=accepted/);
  await context.close();
  return newSignedInPage(browser, person.email, person.password);
}

test.describe.serial("data disposition in the browser", () => {
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    platform = await context.newPage();
    await platform.goto("/sign-in");
    const path = setupPath(); // run alone, without first-run.spec.ts: create the administrator first
    if (path && (await platform.getByText("Tessera is not set up yet").count()) > 0) {
      await platform.goto(path);
      await fillSetupForm(platform, firstAdmin);
      await expect(platform).toHaveURL(/\/sign-in\?setup=done/);
    }
    await signIn(platform, firstAdmin.email, firstAdmin.password);
    await completeFirstAdminSignIn(platform);

    // A district licensed for Reporting, served by a component identity of this run.
    const { tenant } = await postCreated<{ tenant: { id: string } }>(platform.request, "/api/tenants", { slug, name: districtName, kind: "district", districtState: "CO", dataAgreement: "NDPA 2.0" });
    const { components } = (await (await platform.request.get("/api/components")).json()) as { components: { id: string; key: string }[] };
    const reports = components.find((c) => c.key === "reports")!;
    const { tier } = await postCreated<{ tier: { id: string } }>(platform.request, "/api/tiers", {
      key: `disp-${run}`, name: `Disposition ${run}`, seats: 5, tokensPerLicense: 10, requestsPerMinute: 600, tokenDefaultTtlHours: 24, tokenMaxTtlHours: 720, scopes: ["reports:read"],
    });
    const now = Date.now();
    await postCreated(platform.request, "/api/licenses", { tenantId: tenant.id, componentId: reports.id, tierId: tier.id, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 365 * 86_400_000).toISOString() });
    await postCreated(platform.request, `/api/components/${reports.id}/resource-servers`, { identity });
    component = await componentClient(identity);
    admin = await join(browser, platform, tenant.id, "tenant_admin", people.admin);
    reviewer = await join(browser, platform, tenant.id, "district_reviewer", people.reviewer);
  });
  test.afterAll(async () => {
    await component?.close();
    for (const p of [platform, admin, reviewer]) await p?.context().close();
  });

  test("a district admin finds an empty page that says what will appear", async () => {
    await admin.goto("/compliance/dispositions");
    await expect(admin.getByRole("heading", { level: 1, name: "Data disposition" })).toBeVisible();
    await expect(admin.getByText("No disposition requests yet")).toBeVisible();
    await expect(admin.getByText(/A request you file appears here/)).toBeVisible();
    await expect(admin.getByRole("heading", { name: "How to verify a certificate" })).toBeVisible();
    await expectNoAccessibilityViolations(admin);
  });

  test("the form refuses what is missing or malformed, next to the field", async () => {
    await admin.getByRole("button", { name: "File a disposition request" }).click();
    const dialog = admin.getByRole("dialog", { name: "File a disposition request" });
    await expect(dialog.getByText(`District: ${districtName}`)).toBeVisible();
    await dialog.getByRole("button", { name: "Review the request" }).click();
    await expect(dialog.getByText("Choose what is to be destroyed.")).toBeVisible();
    await expectNoAccessibilityViolations(admin);

    await dialog.getByLabel("The records of some students").check();
    await dialog.getByRole("button", { name: "Review the request" }).click();
    await expect(dialog.getByText("Enter at least one student id.")).toBeVisible();
    const students = dialog.getByLabel("Students (pseudonymous ids)");
    await students.fill("jane.doe@school.example");
    await dialog.getByRole("button", { name: "Review the request" }).click();
    await expect(students).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.locator("#disposition-students-error")).toContainText("never a name or email");
    await expectNoAccessibilityViolations(admin);
  });

  test("the confirmation names what will be destroyed; typing the district's short name files it", async () => {
    const dialog = admin.getByRole("dialog", { name: "File a disposition request" });
    await dialog.getByLabel("All of the district's data").check();
    await dialog.getByLabel("Reason (optional)").fill("Agreement ended");
    await dialog.getByRole("button", { name: "Review the request" }).click();
    await expect(dialog.getByText("This cannot be undone.")).toBeVisible();
    await expect(dialog.getByText(new RegExp(`All of ${districtName}'s data will be destroyed: Reporting will each be asked`))).toBeVisible();
    await expect(dialog.getByText(/destroy the district's data key/)).toBeVisible();
    const file = dialog.getByRole("button", { name: "File the request: destroy the data" });
    await expect(file).toBeDisabled();
    await dialog.getByLabel(`Type ${slug} to confirm`).fill("aspen");
    await expect(file).toBeDisabled();
    await expectNoAccessibilityViolations(admin);
    await dialog.getByLabel(`Type ${slug} to confirm`).fill(slug);
    await file.click();
    await expect(dialog).toBeHidden();
    const row = requests(admin).getByRole("row").nth(1);
    await expect(row).toContainText("Awaiting 1 of 1 component(s)");
    await expect(row).toContainText("Not yet acknowledged: Reporting");
    await expect(row).toContainText("When every part is done");
    dispositionId = (await row.locator("code").first().textContent())!.trim();
    expect(dispositionId).toMatch(/^dsp_/);
    await expectNoAccessibilityViolations(admin);
  });

  test("the component acknowledges over mTLS; the certificate verifies with jose against the console's JWKS", async () => {
    test.skip(!component, "the system was started outside this run");
    const pending = await component!.json<{ pending: { dispositionId: string; component: string }[] }>("GET", "/v1/component-dispositions");
    expect(pending.body.pending).toContainEqual(expect.objectContaining({ dispositionId, component: "reports" }));
    const ack = await component!.json<{ disposition: { state: string } }>("POST", `/v1/dispositions/${dispositionId}/acknowledgements`, { component: "reports", statement: "Deleted the district's reports and exports." });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.disposition.state).toBe("complete");

    await admin.reload();
    const row = requests(admin).getByRole("row").nth(1);
    await expect(row).toContainText("Complete");
    await expect(row).toContainText(`acknowledged`);
    await expect(row).toContainText("Deleted the district's reports and exports.");
    await expect(row).toContainText(/data key tdk_\S+ destroyed \(1 license key\(s\)\)/);
    await expectNoAccessibilityViolations(admin);

    const jws = await admin.request.get(`/api/dispositions/${dispositionId}/certificate/jws`);
    expect(jws.status()).toBe(200);
    expect(jws.headers()["content-disposition"]).toContain(`certificate-of-destruction-${dispositionId}.jws`);
    // The district's way: the public host's /.well-known/jwks.json, without sign-in, the same set as /api/jwks.
    const anonymous = await playwrightRequest.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    const wellKnown = await anonymous.get("/.well-known/jwks.json", { maxRedirects: 0 });
    expect(wellKnown.status()).toBe(200);
    expect(wellKnown.headers()["content-type"]).toBe("application/jwk-set+json");
    const jwks = await wellKnown.json();
    expect(await (await anonymous.get("/api/jwks")).json()).toEqual(jwks);
    await anonymous.dispose();
    const { payload } = await jwtVerify((await jws.text()).trim(), createLocalJWKSet(jwks), { subject: dispositionId, typ: "tessera-disposition+jwt" });
    expect(payload).toMatchObject({ district: { slug, name: districtName }, scope: "all", parts: [expect.objectContaining({ component: "reports", acknowledgedBy: identity })] });
    const pdf = await admin.request.get(`/api/dispositions/${dispositionId}/certificate/pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  test("a district reviewer reads the requests and the certificate but cannot file", async () => {
    await reviewer.goto("/compliance/dispositions");
    await expect(reviewer.getByRole("heading", { level: 1, name: "Data disposition" })).toBeVisible();
    await expect(requests(reviewer).getByRole("row").nth(1)).toContainText(dispositionId);
    await expect(reviewer.getByRole("button", { name: "File a disposition request" })).toHaveCount(0);
    if (component) await expect(reviewer.getByRole("link", { name: `PDF certificate of ${dispositionId}` })).toBeVisible();
    const refused = await reviewer.request.post("/api/dispositions", { data: { scope: "all", confirm: true } });
    expect(refused.status()).toBe(403);
    await expectNoAccessibilityViolations(reviewer);
  });

  test("at 390 px wide the page reads without sideways scrolling of the page", async () => {
    await reviewer.setViewportSize({ width: 390, height: 844 });
    await reviewer.reload();
    await expect(reviewer.getByRole("heading", { level: 1, name: "Data disposition" })).toBeVisible();
    const overflow = await reviewer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAccessibilityViolations(reviewer);
  });

  test("a platform admin sees every district's requests and searches them; the form opens, answers and closes by keyboard", async () => {
    await platform.goto("/compliance/dispositions");
    const table = requests(platform);
    await expect(table.getByRole("columnheader", { name: "District" })).toBeVisible();
    await expect(table.getByRole("row", { name: new RegExp(dispositionId) })).toContainText(districtName);
    await expectNoAccessibilityViolations(platform);
    // The list's search: the district's name finds its request (Enter searches at once); text nothing holds says so.
    const search = platform.getByLabel("Search requests");
    await search.fill(districtName.toUpperCase());
    await search.press("Enter");
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table.getByRole("row").nth(1)).toContainText(dispositionId);
    await search.fill(`no-such-request-${run}`);
    await search.press("Enter");
    await expect(platform.getByText("No request matches")).toBeVisible();
    await expectNoAccessibilityViolations(platform);
    await search.fill("");
    await search.press("Enter");
    await expect(table.getByRole("row", { name: new RegExp(dispositionId) })).toBeVisible();

    const open = platform.getByRole("button", { name: "File a disposition request" });
    await open.focus();
    await platform.keyboard.press("Enter");
    const dialog = platform.getByRole("dialog", { name: "File a disposition request" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Review the request" }).focus();
    await platform.keyboard.press("Enter");
    await expect(dialog.getByText("Choose the district.")).toBeVisible();
    await dialog.getByLabel("District", { exact: true }).selectOption({ label: districtName });
    await dialog.getByLabel("The data held by some components").focus();
    await platform.keyboard.press("Space");
    await expect(dialog.getByLabel(/Reporting/)).toBeVisible();
    await expectNoAccessibilityViolations(platform);
    await platform.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();
  });
});
