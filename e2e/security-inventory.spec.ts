// Keys and certificates on the Security page: a platform administrator sees the key inventory by purpose
// (with TTLs), what each storage key version protects, the CA's certificates with their state and the web
// tier's own connection by its certificate; a district reviewer sees none of it and the web route refuses
// them. axe finds nothing, at desktop width and at 390 px, and the tables scroll inside their own boxes.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { postCreated } from "./license-fixtures";
import { expect, newFirstAdminPage, signIn, test } from "./support";

const run = randomBytes(3).toString("hex");
const reviewer = { name: "Ivy Inventory", email: `ivy-${run}@district.test`, password: "harbour quilt meadow cobalt fennel" };
let page: Page;

test.describe.serial("keys and certificates on the Security page", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newFirstAdminPage(browser);
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  test("a platform admin sees keys by purpose, storage versions, certificates and who is connected", async () => {
    await page.goto("/security");
    await expect(page.getByRole("heading", { level: 2, name: "Keys and certificates" })).toBeVisible();
    const keys = page.getByRole("region", { name: "Keys by purpose" });
    for (const purpose of ["Transport (mTLS certificates)", "Storage keyring", "Per-tenant data keys", "License-certificate signing", "Audit chain MAC", "Lookup digests"]) {
      await expect(keys.getByText(purpose, { exact: true }).first()).toBeVisible();
    }
    await expect(keys.getByRole("row").filter({ hasText: "Storage keyring" }).first()).toContainText("365 days");
    await expect(page.getByRole("region", { name: "Storage key versions" }).getByRole("row").filter({ hasText: "Current" })).toContainText(/k\d+/); // k1 until a rotation (storage-rotation.spec.ts) adds one
    const certificates = page.getByRole("region", { name: "Certificates" });
    await expect(certificates.getByRole("row").filter({ hasText: /^web/ }).first()).toContainText("Valid");
    await expect(certificates.getByRole("row").filter({ hasText: /^access/ }).first()).toBeVisible();
    // The web tier itself holds a connection to the access service, with its client certificate.
    await expect(page.getByRole("region", { name: "Connected now" }).getByRole("row").filter({ hasText: /^web/ })).toBeVisible();
    await expect(page.getByText("Coming soon")).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
  });

  test("is readable at 390 px, each table scrolling inside its own box", async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.reload();
    await expect(page.getByRole("region", { name: "Certificates" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The table boxes take keyboard focus, so a keyboard can scroll them.
    const box = page.getByRole("region", { name: "Keys by purpose" });
    await box.focus();
    await expect(box).toBeFocused();
    await expectNoAccessibilityViolations(page);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  test("a district reviewer sees no inventory and the web route refuses them", async ({ browser }) => {
    const { tenant } = await postCreated<{ tenant: { id: string } }>(page.request, "/api/tenants", { slug: `inv-district-${run}`, name: `Inventory District ${run}`, kind: "district", districtState: "CO" });
    const { inviteUrl } = await postCreated<{ inviteUrl: string }>(page.request, `/api/tenants/${tenant.id}/invitations`, { email: reviewer.email, role: "district_reviewer" });
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
    await p.goto("/security");
    await expect(p.getByRole("heading", { level: 2, name: "Where you are signed in" })).toBeVisible();
    await expect(p.getByRole("heading", { name: "Keys and certificates" })).toHaveCount(0);
    expect((await p.request.get("/api/security/inventory")).status()).toBe(403);
    await context.close();
  });
});
