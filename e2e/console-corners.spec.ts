// Rough corners of the console, as a person meets them in Chromium: a once-only secret that Escape or a
// click outside does not close until the person confirms the copy; the dashboard's figures (the same as
// the access service counts) with axe at 390 px; sessions told apart by device; public/'s files without a
// session. Signs in as the administrator first-run created. Serial: each step builds on the last.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import type { DashboardResponse } from "../contracts/dashboard-api";
import { expectNoAccessibilityViolations } from "./accessibility";
import { createLicenseViaApi, postCreated } from "./license-fixtures";
import { completeFirstAdminSignIn, expect, firstAdmin, newSignedInPage, test } from "./support";

const run = randomBytes(3).toString("hex");
const firefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
let page: Page;
let licenseId = "";

async function newToken(name: string) {
  await page.goto(`/licenses/${licenseId}/tokens`);
  await page.getByRole("button", { name: "New token" }).click();
  const form = page.getByRole("dialog", { name: "New token" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("reports:read").check();
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("dialog", { name: "Token created" });
  await expect(shown.getByTestId("token-secret")).toHaveText(/^tsr_/);
  return shown;
}

test.describe.serial("a console without rough corners", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newSignedInPage(browser, firstAdmin.email, firstAdmin.password);
    ({ licenseId } = await createLicenseViaApi(page.request, "corners", run));
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  test("a new token's secret: Escape and a click outside ask first, say what is lost, and go back to the secret", async () => {
    const shown = await newToken(`Escape ${run}`);
    const confirm = shown.getByTestId("once-secret-confirm");
    await expect(shown.getByTestId("token-secret")).toBeFocused();

    await page.keyboard.press("Escape");
    await expect(shown).toBeVisible();
    await expect(confirm).toContainText("Close without copying it?");
    await expect(confirm).toContainText("Tessera keeps only a digest and cannot show it again");
    await expect(confirm.getByRole("button", { name: "Back to the secret" })).toBeFocused();
    await expectNoAccessibilityViolations(page);

    // A second Escape is the safe way out of the question: back to the secret, still shown.
    await page.keyboard.press("Escape");
    await expect(confirm).toHaveCount(0);
    await expect(shown.getByTestId("token-secret")).toBeFocused();

    // A click on the backdrop (outside the dialog's box) asks too.
    await page.mouse.click(3, 3);
    await expect(shown).toBeVisible();
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "I have copied it, close" }).click();
    await expect(shown).toBeHidden();
    await expect(page.getByTestId("token-secret")).toHaveCount(0);
  });

  test("once the copy button has copied the secret, Escape closes at once", async () => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const shown = await newToken(`Copied ${run}`);
    await shown.getByRole("button", { name: "Copy secret" }).click();
    await expect(shown.getByText("Copied.")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(shown).toBeHidden();
  });

  test("the dashboard shows the figures the access service counts, with axe clean at 390 px", async () => {
    // A license ending within 30 days, so that "ending soon" has one to name.
    const soon = await createLicenseViaApi(page.request, "soon", run);
    await page.request.post(`/api/licenses/${soon.licenseId}/revoke`, { headers: { origin: process.env.TESSERA_E2E_WEB_URL! } });
    const components = (await (await page.request.get("/api/components")).json()) as { components: { id: string; key: string }[] };
    const tiers = (await (await page.request.get("/api/tiers")).json()) as { tiers: { id: string; key: string }[] };
    const { license } = await postCreated<{ license: { id: string } }>(page.request, "/api/licenses", {
      tenantId: soon.tenantId,
      componentId: components.components.find((c) => c.key === "reports")!.id,
      tierId: tiers.tiers.find((t) => t.key === `soon-${run}`)!.id,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    const figures = page.getByTestId("dashboard-figures");
    await expect(figures).toBeVisible();
    const counted = (await (await page.request.get("/api/dashboard")).json()) as DashboardResponse;
    for (const [status, n] of Object.entries(counted.licenses.byStatus)) await expect(figures.getByTestId(`licenses-${status}`)).toHaveText(n.toLocaleString("en-GB"));
    expect(counted.licenses.byStatus.revoked).toBeGreaterThanOrEqual(1);
    await expect(figures.getByTestId("licenses-expiring")).toHaveText(String(counted.licenses.expiringSoon.count));
    await expect(figures.getByRole("link", { name: new RegExp(`^Reporting for Soon Co ${run}$`) })).toHaveAttribute("href", `/licenses/${license.id}`);
    await expect(figures.getByTestId("tokens-live")).toHaveText(counted.tokens!.live.toLocaleString("en-GB"));
    await expect(figures.getByTestId("tokens-revoked-week")).toHaveText(counted.tokens!.revokedThisWeek.toLocaleString("en-GB"));
    await expect(figures.getByRole("region", { name: "Validations over time" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAccessibilityViolations(page);
    await page.setViewportSize({ width: 1366, height: 800 });
    await expectNoAccessibilityViolations(page);
  });

  test("sessions are told apart by device: browser and system, first and last seen", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL, userAgent: firefoxOnWindows });
    const elsewhere = await context.newPage();
    await elsewhere.goto("/sign-in");
    await elsewhere.getByLabel("E-mail").fill(firstAdmin.email);
    await elsewhere.getByLabel("Password").fill(firstAdmin.password);
    await elsewhere.getByRole("button", { name: "Sign in" }).click();
    await completeFirstAdminSignIn(elsewhere);

    await page.goto("/security");
    const table = page.getByRole("table", { name: "Your sessions" });
    await expect(table.getByText("Firefox 133 on Windows").first()).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "First seen" })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Last seen" })).toBeVisible();
    await expect(table.getByRole("button", { name: /^End the session Firefox 133 on Windows, from / }).first()).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await context.close();
  });

  test("public/'s files are served without a session; robots.txt keeps the console out of indexes", async ({ browser }) => {
    const anonymous = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    const robots = await anonymous.request.get("/robots.txt", { maxRedirects: 0 });
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(/^Disallow: \/$/m);
    const icon = await anonymous.request.get("/icon.svg", { maxRedirects: 0 });
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/image\/svg\+xml/);
    for (const file of ["/favicon.ico", "/apple-touch-icon.png"]) expect((await anonymous.request.get(file, { maxRedirects: 0 })).status(), file).toBe(200);
    const signIn = await anonymous.newPage();
    await signIn.goto("/sign-in");
    await expect(signIn.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
    await anonymous.close();
  });
});
