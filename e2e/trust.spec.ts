// The public trust page and policy notices in the browser: /trust and /.well-known/security.txt answer
// without sign-in (axe clean, readable at 390 px, printable) and show nothing of any tenant; a platform
// administrator edits Reporting's data inventory on its console page and sees the new version on /trust;
// a material change of the subprocessors is announced and a district's administrator acknowledges it, which
// the district's reviewer and the platform administrator then see. Serial: each step builds on the last.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { joinAsMember, postCreated } from "./license-fixtures";
import { completeFirstAdminSignIn, expect, fillSetupForm, firstAdmin, setupPath, signIn, test } from "./support";

const run = randomBytes(3).toString("hex");
const districtName = `Mesa Valley Schools ${run}`;
const districtAdmin = { name: "Rosa Parks", email: `rosa-${run}@district.test`, password: "montgomery bus boycott nineteen fifty five" };
const reviewer = { name: "Ruby Bridges", email: `ruby-${run}@district.test`, password: "william frantz elementary new orleans" };
const element = `Report recipients ${run}`;

let admin: Page;
let tenantId = "";

test.describe.serial("the public trust page and policy notices", () => {
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    admin = await context.newPage();
    await admin.goto("/sign-in");
    const path = setupPath(); // run alone, without first-run.spec.ts: create the administrator first
    if (path && (await admin.getByText("Tessera is not set up yet").count()) > 0) {
      await admin.goto(path);
      await fillSetupForm(admin, firstAdmin);
      await expect(admin).toHaveURL(/\/sign-in\?setup=done/);
    }
    await signIn(admin, firstAdmin.email, firstAdmin.password);
    await completeFirstAdminSignIn(admin);
    ({ tenant: { id: tenantId } } = await postCreated<{ tenant: { id: string } }>(admin.request, "/api/tenants", { slug: `mesa-${run}`, name: districtName, kind: "district", districtState: "CO" }));
  });
  test.afterAll(async () => {
    await admin?.context().close();
  });

  test("/trust answers without sign-in, with each part's version, and nothing of any tenant", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    const page = await context.newPage();
    const res = await page.goto("/trust");
    expect(res?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/trust"); // not redirected to /sign-in
    await expect(page.getByRole("heading", { level: 1, name: "Trust and privacy" })).toBeVisible();
    for (const name of ["Commitments", "Data inventory", "Tessera's own data", "Subprocessors", "Privacy policy", "Security plan", "Security contact and incident notification"]) {
      await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
    }
    await expect(page.locator("#privacy-policy").getByText(/^Version \d+, in effect since/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "School official under the district's direct control" })).toBeVisible();
    // the security plan's summary: each control with its CSF function and its live check's state, no evidence
    await expect(page.locator("#security-plan")).toContainText("GV.RR-1 · Govern");
    await expect(page.locator("#security-plan")).toContainText("checked live");
    await expect(page.locator("body")).not.toContainText(districtName);
    await expectNoAccessibilityViolations(page);

    const txt = await page.request.get("/.well-known/security.txt");
    expect(txt.status()).toBe(200);
    expect(txt.headers()["content-type"]).toContain("text/plain");
    const body = await txt.text();
    expect(body).toMatch(/^Contact: mailto:/m);
    expect(body).toMatch(/^Expires: \d{4}-\d{2}-\d{2}T/m);
    expect(body).toMatch(/^Canonical: .*\/\.well-known\/security\.txt$/m);
    await context.close();
  });

  test("/trust reads at 390 px without sideways scrolling, and prints without its navigation", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto("/trust");
    await expect(page.getByRole("heading", { level: 1, name: "Trust and privacy" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAccessibilityViolations(page);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "On this page" })).toBeHidden();
    await expect(page.getByRole("heading", { level: 2, name: "Data inventory" })).toBeVisible();
    await context.close();
  });

  test("a platform admin edits Reporting's data inventory; /trust shows the new version", async () => {
    await admin.goto("/components");
    await admin.getByRole("link", { name: "Reporting" }).click();
    await expect(admin.getByRole("heading", { level: 2, name: "Data inventory" })).toBeVisible();
    const before = (await (await admin.request.get("/api/trust")).json()) as { components: { key: string; versions: { version: number }[] }[] };
    const next = (before.components.find((c) => c.key === "reports")?.versions[0]?.version ?? 0) + 1;
    await admin.getByRole("button", { name: /^(Edit|Declare) inventory$/ }).click();
    const dialog = admin.getByRole("dialog", { name: "Data inventory of Reporting" });
    await dialog.getByRole("button", { name: "Add element" }).click();
    const last = dialog.getByRole("group").last();
    await last.getByLabel("Data element").fill(element);
    await last.getByLabel("Category").selectOption("Parent/guardian contact information");
    await last.getByLabel("Why it is held").fill("To send scheduled reports to the people a district names.");
    await last.getByLabel("How long it is kept").fill("Until the district removes the recipient.");
    await last.getByLabel("Who else receives it").fill("No one.");
    // An element left empty is refused at its fields, and nothing is published.
    await dialog.getByRole("button", { name: "Add element" }).click();
    const groups = await dialog.getByRole("group").count();
    await dialog.getByRole("button", { name: `Publish version ${next}` }).click();
    await expect(dialog.getByRole("group").last().getByLabel("Data element")).toHaveAttribute("aria-invalid", "true");
    await dialog.getByRole("button", { name: `Remove element ${groups}` }).click();
    await expectNoAccessibilityViolations(admin);
    await dialog.getByRole("button", { name: `Publish version ${next}` }).click();
    await expect(dialog).toBeHidden();
    await expect(admin.getByText(new RegExp(`Version ${next}, published`))).toBeVisible();

    const trust = await admin.context().newPage();
    await trust.goto("/trust");
    const reporting = trust.locator("#inventory li", { has: trust.getByRole("heading", { level: 3, name: "Reporting" }) });
    await expect(reporting.getByText(new RegExp(`^Version ${next}, published`))).toBeVisible();
    await expect(reporting.getByRole("heading", { level: 4, name: element })).toBeVisible();
    await trust.close();
  });

  test("a district admin acknowledges a notice of a material change; the district reviewer and the platform admin see it", async ({ browser }) => {
    const effectiveAt = new Date(Date.now() + 45 * 86_400_000).toISOString();
    await postCreated(admin.request, "/api/trust/documents", {
      content: { kind: "subprocessors", subprocessors: [{ name: `Example Hosting ${run}`, purpose: "Hosts the servers", location: "United States", data: "All data, encrypted" }] },
      summary: `Adds Example Hosting ${run} as the host.`,
      material: true,
      effectiveAt,
    });
    const district = await joinAsMember(browser, admin, tenantId, districtAdmin, "tenant_admin");
    await district.goto("/compliance/policy");
    await expect(district.getByRole("heading", { level: 1, name: "Policy & subprocessors" })).toBeVisible();
    const notice = district.locator("li", { hasText: `Adds Example Hosting ${run} as the host.` }).first();
    await expect(notice.getByText(`${districtName} has not acknowledged this notice yet.`)).toBeVisible();
    await expectNoAccessibilityViolations(district);
    await notice.getByRole("button", { name: "Acknowledge" }).click();
    const confirm = district.getByRole("dialog", { name: "Acknowledge this notice for your district?" });
    await confirm.getByRole("button", { name: "Acknowledge" }).click();
    await expect(notice.getByText(`Acknowledged for ${districtName} by ${districtAdmin.name} on`)).toBeVisible();
    await expect(notice.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
    await expectNoAccessibilityViolations(district);
    await district.context().close();

    // The district's reviewer sees the notice and who acknowledged it, with nothing to acknowledge herself.
    const review = await joinAsMember(browser, admin, tenantId, reviewer, "district_reviewer");
    await review.goto("/compliance/policy");
    const seen = review.locator("li", { hasText: `Adds Example Hosting ${run} as the host.` }).first();
    await expect(seen.getByText(`Acknowledged for ${districtName} by ${districtAdmin.name} on`)).toBeVisible();
    await expect(review.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
    await expect(review.getByRole("button", { name: "Publish a new version" })).toHaveCount(0);
    await expectNoAccessibilityViolations(review);
    await review.context().close();

    await admin.goto("/compliance/policy");
    const row = admin.getByRole("row", { name: new RegExp(districtName) }).first();
    await expect(row).toContainText(districtAdmin.name);
    await expectNoAccessibilityViolations(admin);
  });
});
