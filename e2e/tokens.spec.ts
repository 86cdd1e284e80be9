// Tokens, as people manage them in the browser: on a license's tokens page a platform administrator creates a
// token (its secret shown once, with a copy button, and gone after a reload), opens its page, rotates it with a
// grace period, revokes one and then all. Runs after first-run.spec.ts and licensing.spec.ts (alphabetical, one
// worker) and signs in as the administrator first-run created; the tenant, tier and license it needs are made
// through the web tier's own API routes with the page's cookies. Serial: each step builds on the last.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { componentClient, introspectAs } from "./component-identity";
import { createLicenseViaApi, joinAsMember, postCreated } from "./license-fixtures";
import { completeFirstAdminSignIn, confirmByTyping, expect, firstAdmin, signIn, test } from "./support";

const run = randomBytes(3).toString("hex");
const tokenName = `Nightly export ${run}`;
const otherName = `CI job ${run}`;
const member = { name: "Katherine Johnson", email: `katherine-${run}@example.test`, password: "orbital mechanics by hand at langley" };

let page: Page;
let licenseId = "";
let tenantId = "";
let tokenPath = "";

/**
 * An internal component introspecting over mTLS (RFC 7662) with a certificate of the system's own PKI,
 * registered (through the web tier's API) as a resource server of the Reporting component the license is
 * for: only a component's resource servers get answers about its tokens. Null when the system was started
 * outside this run.
 */
async function componentIntrospector() {
  const identity = `e2e-usage-${run}`;
  const client = await componentClient(identity);
  if (!client) return null;
  const components = (await (await page.request.get("/api/components")).json()) as { components: { id: string; key: string }[] };
  const reports = components.components.find((c) => c.key === "reports")!;
  await postCreated(page.request, `/api/components/${reports.id}/resource-servers`, { identity });
  return { introspect: (token: string) => introspectAs(client, token), close: () => client.close() };
}

/** What the page's CSP refused since it loaded (collected by the init script of the usage test). */
const cspViolations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/** The usage chart's range buttons: exactly one pressed. */
async function expectRangePressed(p: Page, label: string) {
  const group = p.getByRole("group", { name: "Period" });
  for (const name of ["24 hours", "7 days", "30 days"]) await expect(group.getByRole("button", { name })).toHaveAttribute("aria-pressed", String(name === label));
}

async function openTokensPage() {
  await page.goto(`/licenses/${licenseId}/tokens`);
  await expect(page.getByRole("heading", { level: 2, name: "Tokens" })).toBeVisible();
}

async function createToken(name: string, scope: string): Promise<string> {
  await page.getByRole("button", { name: "New token" }).click();
  const dialog = page.getByRole("dialog", { name: "New token" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel(scope).check();
  await dialog.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("dialog", { name: "Token created" });
  const secret = (await shown.getByTestId("token-secret").textContent())!.trim();
  return secret;
}

test.describe.serial("tokens in the browser", () => {
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    page = await context.newPage();
    await page.goto("/sign-in");
    await signIn(page, firstAdmin.email, firstAdmin.password);
    await completeFirstAdminSignIn(page);
    ({ licenseId, tenantId } = await createLicenseViaApi(page.request, "tokens", run));
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  test("the license page leads to its tokens (the Tokens area across licenses: tokens-area.spec.ts)", async () => {
    await page.goto(`/licenses/${licenseId}`);
    await page.getByRole("link", { name: "View this license's tokens" }).click();
    await expect(page).toHaveURL(new RegExp(`/licenses/${licenseId}/tokens$`));
    await expect(page.getByText("No tokens found")).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test("create a token: scopes limited to the license's, the secret shown once with a copy button", async () => {
    await openTokensPage();
    await page.getByRole("button", { name: "New token" }).click();
    const dialog = page.getByRole("dialog", { name: "New token" });
    // Only the license's scopes are offered; the lifetime starts at the tier's default.
    await expect(dialog.getByRole("checkbox")).toHaveCount(2);
    await expect(dialog.getByLabel("reports:read")).toBeVisible();
    await expect(dialog.getByLabel("reports:write")).toBeVisible();
    await expect(dialog.getByLabel("Expires in (hours)")).toHaveValue("24");
    // Nothing can be sent before a scope is chosen; a lifetime beyond the tier's maximum is refused.
    await dialog.getByLabel("Name").fill(tokenName);
    await expect(dialog.getByRole("button", { name: "Create token" })).toBeDisabled();
    await dialog.getByLabel("reports:read").check();
    await dialog.getByLabel("Expires in (hours)").fill("100000");
    await dialog.getByRole("button", { name: "Create token" }).click();
    await expect(dialog.getByLabel("Expires in (hours)")).toHaveAttribute("aria-invalid", "true");
    await dialog.getByLabel("Expires in (hours)").fill("48");
    await expectNoAccessibilityViolations(page);
    await dialog.getByRole("button", { name: "Create token" }).click();

    const shown = page.getByRole("dialog", { name: "Token created" });
    await expect(shown.getByText(/^You won't see it again:/)).toBeVisible();
    const secret = (await shown.getByTestId("token-secret").textContent())!.trim();
    expect(secret).toMatch(/^tsr_/);
    await expect(shown.getByTestId("token-secret")).toBeFocused();
    await expect(shown.getByRole("button", { name: "Copy secret" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await shown.getByRole("button", { name: "Done" }).click();
    await expect(shown).toBeHidden();

    const table = page.getByRole("table", { name: "Tokens" });
    await expect(table.getByRole("row", { name: new RegExp(tokenName) })).toContainText("reports:read");
    await expect(table.getByRole("row", { name: new RegExp(tokenName) })).toContainText(firstAdmin.name);
    await expect(page.getByText(secret)).toHaveCount(0);

    // After a reload the secret is nowhere to be found: only its prefix remains.
    await page.reload();
    await expect(page.getByRole("table", { name: "Tokens" })).toContainText(tokenName);
    await expect(page.getByTestId("token-secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
    await expect(page.getByRole("table", { name: "Tokens" })).toContainText(secret.slice(0, 12));
  });

  test("the token's page shows what it is and who created it", async () => {
    await openTokensPage();
    const row = page.getByRole("table", { name: "Tokens" }).getByRole("row", { name: new RegExp(tokenName) });
    await row.getByRole("link").click();
    await expect(page).toHaveURL(/\/tokens\/tok_/);
    tokenPath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: tokenName })).toBeVisible();
    await expect(page.getByTestId("token-effective-scopes")).toContainText("reports:read");
    await expect(page.getByText(`by ${firstAdmin.name}`)).toBeVisible();
    await expect(page.locator('[data-status="active"]')).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test("usage before any introspection: the empty state in both charts, ranges switched by mouse and keyboard", async () => {
    await page.goto(tokenPath);
    const usage = page.getByTestId("usage-chart");
    await expect(usage.getByText("No introspections recorded in this period")).toBeVisible();
    await expectRangePressed(page, "24 hours");
    await usage.getByRole("button", { name: "7 days" }).click();
    await expectRangePressed(page, "7 days");
    await expect(usage.getByText("No introspections recorded in this period")).toBeVisible();
    // Keyboard: the range buttons are in the tab order and work with Space and Enter.
    await usage.getByRole("button", { name: "24 hours" }).focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(usage.getByRole("button", { name: "30 days" })).toBeFocused();
    await page.keyboard.press("Space");
    await expectRangePressed(page, "30 days");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await expectRangePressed(page, "7 days");
    await expectNoAccessibilityViolations(page);

    await openTokensPage();
    await expect(page.getByRole("heading", { level: 2, name: "Token usage" })).toBeVisible();
    await expect(page.getByTestId("usage-chart").getByText("No introspections recorded in this period")).toBeVisible();
    await page.getByTestId("usage-chart").getByRole("button", { name: "30 days" }).click();
    await expectRangePressed(page, "30 days");
  });

  test("rotate: a new secret once, the old token kept for the grace period", async () => {
    await openTokensPage();
    await page.getByRole("button", { name: `Rotate ${tokenName}` }).click();
    const dialog = page.getByRole("dialog", { name: "Rotate token" });
    await dialog.getByLabel("Grace period (hours)").fill("500");
    await dialog.getByRole("button", { name: "Rotate token" }).click();
    await expect(dialog.getByLabel("Grace period (hours)")).toHaveAttribute("aria-invalid", "true");
    await dialog.getByLabel("Grace period (hours)").fill("1");
    await dialog.getByRole("button", { name: "Rotate token" }).click();
    const shown = page.getByRole("dialog", { name: "Token rotated" });
    await expect(shown.getByTestId("token-secret")).toHaveText(/^tsr_/);
    await expect(shown.getByRole("button", { name: "Copy secret" })).toBeVisible();
    await shown.getByRole("button", { name: "Done" }).click();
    await expect(shown).toBeHidden();
    // Both are live for now: the new one, and the old one until its grace period ends.
    await page.getByLabel("Token status").selectOption("active");
    await expect(page.getByRole("table", { name: "Tokens" }).getByRole("row", { name: new RegExp(tokenName) })).toHaveCount(2);
    await expectNoAccessibilityViolations(page);
    // At phone width the table scrolls inside its own box; the page itself does not widen.
    await page.setViewportSize({ width: 390, height: 800 });
    await expect(page.getByRole("button", { name: "New token" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  test("a tenant member sees the tokens but none of the actions", async ({ browser }) => {
    const p = await joinAsMember(browser, page, tenantId, member);
    await p.goto(`/licenses/${licenseId}/tokens`);
    const table = p.getByRole("table", { name: "Tokens" });
    await expect(table.getByRole("row", { name: new RegExp(tokenName) })).toHaveCount(2);
    await expect(table.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
    await expect(p.getByRole("button", { name: "New token" })).toHaveCount(0);
    await expect(p.getByRole("button", { name: "Revoke all tokens" })).toHaveCount(0);
    await expect(p.getByRole("button", { name: `Rotate ${tokenName}` })).toHaveCount(0);
    await p.goto(tokenPath);
    await expect(p.getByRole("heading", { level: 1, name: tokenName })).toBeVisible();
    await expect(p.getByRole("button", { name: "Rotate" })).toHaveCount(0);
    await expect(p.getByRole("button", { name: "Revoke" })).toHaveCount(0);
    await p.context().close();
  });

  test("revoke one token: its page says who revoked it and when", async () => {
    await openTokensPage();
    await createToken(otherName, "reports:write");
    await page.getByRole("dialog", { name: "Token created" }).getByRole("button", { name: "Done" }).click();

    // Search finds it by name.
    await page.getByLabel("Search tokens").fill(otherName);
    const table = page.getByRole("table", { name: "Tokens" });
    await expect(table.getByRole("row")).toHaveCount(2);

    await page.getByRole("button", { name: `Revoke ${otherName}` }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke this token?" });
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Token ${otherName} revoked.`)).toBeVisible();
    await expect(table.locator('[data-status="revoked"]')).toBeVisible();
    await expect(page.getByRole("button", { name: `Revoke ${otherName}` })).toHaveCount(0);

    await table.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: otherName })).toBeVisible();
    const revoked = page.getByTestId("token-revoked");
    await expect(revoked).toContainText("This token is revoked");
    await expect(revoked).toContainText(firstAdmin.name);
    await expect(revoked.locator("time")).toBeVisible();
    await expect(page.getByRole("button", { name: "Rotate" })).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
  });

  test("revoke all tokens needs the license id typed", async () => {
    await openTokensPage();
    await page.getByRole("button", { name: "Revoke all tokens" }).click();
    await confirmByTyping(page, "Revoke all tokens?", "Revoke all tokens", licenseId);
    await expect(page.getByText(/^2 tokens revoked\.$/)).toBeVisible();

    await page.getByLabel("Token status").selectOption("active");
    await expect(page.getByText("No tokens found")).toBeVisible();
    await expect(page.getByRole("button", { name: "Revoke all tokens" })).toBeDisabled();

    // The first token's own page now says it was revoked with the others.
    await page.goto(tokenPath);
    await expect(page.getByTestId("token-revoked")).toContainText("Revoked with all the license's tokens");
    await expectNoAccessibilityViolations(page);
  });

  test("usage: a component's introspections appear in both charts, and a revoked token's as refusals, under the CSP", async () => {
    const component = await componentIntrospector();
    test.skip(!component, "the system was started outside this run");
    test.setTimeout(150_000);
    // CSP violations (recharts sets inline styles) are collected from the page itself, and read before each axe
    // check (axe-core, injected by the test, compiles templates with new Function, which the CSP refuses).
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
    });
    const name = `Usage probe ${run}`;
    const { token, secret } = await postCreated<{ token: { id: string }; secret: string }>(page.request, `/api/licenses/${licenseId}/tokens`, { name, scopes: ["reports:read"] });
    const answers = { uses: 0, refusals: 0 };
    for (let i = 0; i < 3; i++) expect(await component!.introspect(secret)).toBe(true);
    answers.uses += 3;
    expect((await page.request.post(`/api/tokens/${token.id}/revoke`)).status()).toBe(200);
    // The revocation reaches the service's cache within moments; count every answer as it comes.
    while (answers.refusals < 2) {
      if (await component!.introspect(secret)) answers.uses += 1;
      else answers.refusals += 1;
    }
    await component!.close();
    const words = `${answers.uses} uses and ${answers.refusals} refusals in the last 24 hours.`;

    // Counts reach the database in the service's next batch (about every 30 s): reload until they are there.
    await page.goto(`/tokens/${token.id}`);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("usage-totals")).toHaveText(words, { timeout: 2_000 });
    }).toPass({ timeout: 60_000, intervals: [2_000] });
    const chart = page.getByTestId("usage-chart");
    await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
    // The chart got its size (its inline styles applied) and its numbers are in the table for screen readers.
    expect((await chart.locator("svg.recharts-surface").boundingBox())?.width ?? 0).toBeGreaterThan(200);
    const table = chart.getByRole("table");
    await expect(table.locator("tbody tr")).toHaveCount(24);
    const lastHour = table.locator("tbody tr").last().getByRole("cell");
    await expect(lastHour.nth(0)).toHaveText(String(answers.uses));
    await expect(lastHour.nth(1)).toHaveText(String(answers.refusals));
    expect(await cspViolations()).toEqual([]);
    await expectNoAccessibilityViolations(page);
    await chart.getByRole("button", { name: "7 days" }).click();
    await expect(page.getByTestId("usage-totals")).toHaveText(`${answers.uses} uses and ${answers.refusals} refusals in the last 7 days.`);
    await expect(table.locator("tbody tr")).toHaveCount(28);

    await openTokensPage();
    const licenseChart = page.getByTestId("usage-chart");
    await expect(page.getByTestId("usage-totals")).toContainText(`${answers.uses} uses and ${answers.refusals} refusals`);
    await expect(licenseChart.getByTestId("usage-top-tokens").getByRole("link", { name })).toHaveAttribute("href", `/tokens/${token.id}`);
    await expect(licenseChart.locator(".recharts-bar-rectangle").first()).toBeVisible();
    expect(await cspViolations()).toEqual([]);
    await expectNoAccessibilityViolations(page);
  });

  test("an unknown token id is simply not found", async () => {
    await page.goto("/tokens/tok_doesnotexist");
    await expect(page.getByRole("heading", { level: 1, name: "Token not found" })).toBeVisible();
  });
});
