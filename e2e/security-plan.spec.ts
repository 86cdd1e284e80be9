// The security plan in the browser: a platform administrator opens /compliance/plan, runs every check
// with progress and sees the failing one first (this run's PostgreSQL trusts local users, so the access
// database's check fails), signs off the access review after a confirmation, downloads the PDF, prints
// the plan alone, and sees the failing check on the dashboard; a district reviewer reads the same plan
// without the actions and is refused running a check. axe finds nothing, at desktop width and at 390 px.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { postCreated } from "./license-fixtures";
import { expect, firstAdmin, newFirstAdminPage, signIn, test } from "./support";

const run = randomBytes(3).toString("hex");
const reviewer = { name: "Rey Reviewer", email: `rey-${run}@district.test`, password: "lantern quarry velvet oboe thistle" };
let page: Page;

async function joinAsReviewer(browser: Browser, tenantId: string): Promise<Page> {
  const { inviteUrl } = await postCreated<{ inviteUrl: string }>(page.request, `/api/tenants/${tenantId}/invitations`, { email: reviewer.email, role: "district_reviewer" });
  const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
  const p = await context.newPage();
  await p.goto(new URL(inviteUrl).pathname);
  await p.getByLabel("Your name").fill(reviewer.name);
  await p.getByLabel("Password", { exact: true }).fill(reviewer.password);
  await p.getByLabel("Confirm password").fill(reviewer.password);
  await p.getByRole("button", { name: "Accept invitation" }).click();
  await expect(p).toHaveURL(/\/sign-in\?invitation=accepted/);
  await signIn(p, reviewer.email, reviewer.password);
  await expect(p.getByRole("heading", { level: 1, name: `Welcome, ${reviewer.name}` })).toBeVisible();
  return p;
}

test.describe.serial("the security plan in the browser", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newFirstAdminPage(browser);
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  test("a platform admin runs every check with progress and sees the failing one first", async () => {
    await page.goto("/compliance/plan");
    await expect(page.getByRole("heading", { level: 1, name: "Security plan" })).toBeVisible();
    for (const fn of ["Govern (GV)", "Identify (ID)", "Protect (PR)", "Detect (DE)", "Respond (RS)", "Recover (RC)"]) {
      await expect(page.getByRole("heading", { level: 2, name: fn })).toBeVisible();
    }
    await page.getByRole("button", { name: "Run all checks now" }).click();
    await expect(page.getByText(/^Done: 9 of 9 checks run, \d+ failing\.$/)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole("progressbar", { name: "Checks run" })).toHaveAttribute("value", "9");
    await expect(page.getByText(/Run by `tessera selfcheck` on the host that launches the web tier/)).toContainText("The web tier holds no database URL or storage key");
    const failing = page.getByRole("alert").filter({ hasText: /failing check/ });
    await expect(failing).toContainText("No default credentials on Tessera's own databases");
    await expect(failing).toContainText("without a password (trust authentication)");
    const control = page.locator("#check-credentials\\.own-database");
    await expect(control.locator('[data-result="fail"]')).toHaveText("Fail");
    await expect(page.locator("#check-passwords\\.policy").locator('[data-result="pass"]')).toHaveText("Pass");
    await page.locator("#check-sign-in\\.throttle").getByText("Evidence").click();
    await expect(page.locator("#check-sign-in\\.throttle")).toContainText("refusedAtAttempt");
    await expectNoAccessibilityViolations(page);
  });

  test("the web tier answers a malformed check as not found and a too-long note with a field error", async () => {
    const origin = { origin: process.env.TESSERA_E2E_WEB_URL! };
    expect((await page.request.post("/api/security-plan/checks/no-such-check/run", { headers: origin })).status()).toBe(404);
    const long = await page.request.post("/api/security-plan/access-review", { headers: origin, data: { note: "x".repeat(1001) } });
    expect(long.status()).toBe(422);
    expect(((await long.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.note).toEqual(["Use at most 1000 characters."]);
    await page.reload();
    await expect(page.getByText("No access review has been signed off yet.", { exact: false })).toBeVisible();
  });

  test("signs off the access review after a confirmation; the plan names who and when", async () => {
    await page.getByRole("button", { name: "Sign off the access review" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign off the access review" });
    await dialog.getByLabel("Note (optional)").fill(`Quarterly review ${run}`);
    await dialog.getByRole("button", { name: "Sign off" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(new RegExp(`Last signed off .* by ${firstAdmin.name}: “Quarterly review ${run}”`))).toBeVisible();
    await expect(page.locator("#check-access-review\\.privileged").locator('[data-result="pass"]')).toHaveText("Pass");
  });

  test("downloads the plan as a PDF and prints the plan without the console around it", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tessera-security-plan-\d{4}-\d{2}-\d{2}\.pdf$/);
    const bytes = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(bytes).subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    const navigation = page.getByRole("navigation").first();
    await expect(navigation).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "Run all checks now" })).toBeHidden();
    await expect(navigation).toBeHidden();
    // Under print the plan is found by its ids: role queries skip what sits under a hidden ancestor.
    await expect(page.locator("#csf-PR")).toHaveText("Protect (PR)");
    await expect(page.locator("#csf-PR")).toBeVisible();
    await page.emulateMedia({ media: "screen" });
  });

  test("is readable at 390 px", async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Security plan" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAccessibilityViolations(page);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  test("the dashboard shows the failing check", async () => {
    await page.goto("/");
    const panel = page.getByRole("region", { name: /Security self-checks: \d+ failing/ });
    await expect(panel).toContainText("No default credentials on Tessera's own databases");
    await expectNoAccessibilityViolations(page);
  });

  test("a district reviewer reads the plan, without its actions, and may not run a check", async ({ browser }) => {
    const { tenant } = await postCreated<{ tenant: { id: string } }>(page.request, "/api/tenants", { slug: `plan-district-${run}`, name: `Plan District ${run}`, kind: "district", districtState: "CO" });
    const p = await joinAsReviewer(browser, tenant.id);
    await expect(p.getByRole("region", { name: /Security self-checks/ })).toBeVisible();
    await p.goto("/compliance/plan");
    await expect(p.getByRole("heading", { level: 1, name: "Security plan" })).toBeVisible();
    await expect(p.locator("#check-credentials\\.own-database").locator('[data-result="fail"]')).toHaveText("Fail");
    await expect(p.getByRole("button", { name: "Run all checks now" })).toHaveCount(0);
    await expect(p.getByRole("button", { name: "Sign off the access review" })).toHaveCount(0);
    const refused = await p.request.post("/api/security-plan/checks/passwords.policy/run", { headers: { origin: process.env.TESSERA_E2E_WEB_URL! } });
    expect(refused.status()).toBe(403);
    await expectNoAccessibilityViolations(p);
    await p.context().close();
  });
});
