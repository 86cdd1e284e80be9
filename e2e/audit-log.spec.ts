// The audit log in the browser: a platform administrator sees every tenant's events as sentences with
// names, filters them by tenant and action, searches, exports the selection (CSV, JSON, a verifiable
// segment) and verifies the chain, whose status then names them; a tenant admin sees their own tenant's
// events only, with no tenant filter. Readable at 390 px, axe clean. Signs in as the administrator
// first-run.spec.ts created (or creates them, when this file runs alone); the tenants and licenses are
// made through the web tier's own API routes, so their audit events are real ones.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { createLicenseViaApi, joinAsMember } from "./license-fixtures";
import { expect, newFirstAdminPage, test } from "./support";

const run = randomBytes(3).toString("hex");
const tenantAdmin = { name: "Grace Hopper", email: `grace-${run}@example.test`, password: "cobol compiler nanosecond wire" };

let page: Page;
let adminOfA: Page;
let tenantA = "";

const events = (p: Page) => p.getByRole("table", { name: "Audit events" });

/** Audit events reach the log through the outbox a moment later: reload until the row is there. */
async function waitForRow(p: Page, text: string | RegExp) {
  await expect(async () => {
    await p.reload();
    await expect(events(p).getByText(text).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

test.describe.serial("the audit log in the browser", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newFirstAdminPage(browser);
    ({ tenantId: tenantA } = await createLicenseViaApi(page.request, "audita", run));
    await createLicenseViaApi(page.request, "auditb", run);
    adminOfA = await joinAsMember(browser, page, tenantA, tenantAdmin, "tenant_admin");
  });
  test.afterAll(async () => {
    await adminOfA?.context().close();
    await page?.context().close();
  });

  test("a platform admin sees every tenant's events as sentences with names", async () => {
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await waitForRow(page, `Ada Lovelace created license Reporting for Auditb Co ${run}`);
    await expect(events(page).getByText(`Ada Lovelace created license Reporting for Audita Co ${run}`)).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Proof the log has not been altered" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test("filters by tenant and action, and searches", async () => {
    await page.getByLabel("Tenant", { exact: true }).selectOption({ label: `Audita Co ${run}` });
    await expect(events(page).getByText(`for Auditb Co ${run}`)).toHaveCount(0);
    await expect(events(page).getByText(`Ada Lovelace created license Reporting for Audita Co ${run}`)).toBeVisible();
    await page.getByLabel("Action", { exact: true }).selectOption("tier.create");
    await expect(page.getByText("No events match these filters")).toBeVisible(); // tier events belong to no tenant
    await expectNoAccessibilityViolations(page);
    await page.getByLabel("Tenant", { exact: true }).selectOption("");
    await expect(events(page).getByText(`Ada Lovelace created tier Audita Testing ${run}`)).toBeVisible();
    await page.getByLabel("Action", { exact: true }).selectOption("");
    await page.getByLabel("Search events").fill(`auditb-co-${run}`);
    await page.getByLabel("Search events").press("Enter");
    await expect(events(page).getByText(`Ada Lovelace created tenant Auditb Co ${run}`)).toBeVisible();
    await expect(events(page).getByText(`Audita Co ${run}`)).toHaveCount(0);
  });

  test("exports the selection as CSV, JSON and a verifiable segment", async () => {
    const csv = await page.request.get(await page.getByRole("link", { name: "CSV" }).getAttribute("href") ?? "");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toMatch(/^Time \(UTC\),Event,Actor/);
    expect(text).toContain(`Ada Lovelace created tenant Auditb Co ${run}`);
    const json = await page.request.get(await page.getByRole("link", { name: "JSON" }).getAttribute("href") ?? "");
    expect(((await json.json()) as { events: unknown[] }).events.length).toBeGreaterThan(0);
    const segment = await page.request.get(await page.getByRole("link", { name: "Verifiable segment" }).getAttribute("href") ?? "");
    expect(((await segment.json()) as { format: string }).format).toBe("tessera-audit-segment/1");
  });

  test("verifies the chain from the console, and the status says who did", async () => {
    await page.getByRole("button", { name: "Verify the chain now" }).click();
    await expect(page.getByText(/The chain verified: [\d,]+ events, every link intact\./)).toBeVisible();
    await expect(page.getByText(/by Ada Lovelace, in the console/)).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test("is readable at 390 px and keyboard operable", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/audit");
    await expect(events(page)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByLabel("Search events").focus();
    await page.keyboard.type(`audita-co-${run}`);
    await page.keyboard.press("Enter");
    await expect(events(page).getByText(`Ada Lovelace created tenant Audita Co ${run}`)).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test("a tenant admin sees their own tenant's events only, without a tenant filter", async () => {
    await adminOfA.goto("/audit");
    await waitForRow(adminOfA, `Ada Lovelace created license Reporting for Audita Co ${run}`);
    await expect(adminOfA.getByText(`Auditb Co ${run}`)).toHaveCount(0);
    await expect(adminOfA.getByLabel("Tenant", { exact: true })).toHaveCount(0);
    await expect(adminOfA.getByRole("button", { name: "Verify the chain now" })).toHaveCount(0);
    await expect(adminOfA.getByRole("heading", { level: 2, name: "Proof the log has not been altered" })).toBeVisible();
    const csv = await (await adminOfA.request.get(`/api/audit/export?format=csv`)).text();
    expect(csv).not.toContain(`Auditb Co ${run}`);
    await expectNoAccessibilityViolations(adminOfA);
  });
});
