// Renaming the catalogue in the browser: a platform administrator renames a component from the catalogue
// and a scope from its component's page through a dialog that opens with the current text, submits on
// Enter, cancels on Escape and gives focus back to its button; an empty or too-long name is refused at its
// field (the same words the service answers with) and changes nothing; the new names show in the catalogue
// and as sentences in the audit log; a retired scope can still be renamed, as the service allows; the
// actions stay inside the viewport at 390 px; a tenant member sees none of them. Axe clean. The component
// and scope are this run's own (made through the web tier's API), so the seeded Reporting others use stays.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { joinAsMember, postCreated } from "./license-fixtures";
import { expect, newFirstAdminPage, test } from "./support";

const run = randomBytes(3).toString("hex");
const key = `cat${run}`;
const scopeKey = `${key}:read`;
const names = { before: `Catalogue ${run}`, after: `Cartography ${run}` };
const descriptions = { before: `Read maps ${run}`, after: `Read the maps ${run}` };
const member = { name: "Katherine Johnson", email: `katherine-${run}@example.test`, password: "orbital mechanics by hand for glenn" };

let page: Page;
let componentId = "";
let scopeId = "";

/** Audit events reach the log through the outbox a moment later: reload until the row is there. */
async function waitForAuditRow(p: Page, text: string) {
  await p.goto("/audit");
  await expect(async () => {
    await p.reload();
    await expect(p.getByRole("table", { name: "Audit events" }).getByText(text).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
}

/** Every button of the page's main content starts and ends inside the viewport once scrolled to. */
async function expectButtonsInViewport(p: Page) {
  const buttons = p.locator("main button");
  const count = await buttons.count();
  const width = p.viewportSize()!.width;
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    await button.scrollIntoViewIfNeeded();
    const box = (await button.boundingBox())!;
    const name = (await button.getAttribute("aria-label")) ?? (await button.textContent());
    expect(box.x, `"${name}" starts inside the ${width} px viewport`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `"${name}" ends inside the ${width} px viewport`).toBeLessThanOrEqual(width);
  }
  expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${p.url()} fits ${width} px`).toBe(true);
  return count;
}

test.describe.serial("renaming the catalogue in the browser", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newFirstAdminPage(browser);
    ({ component: { id: componentId } } = await postCreated<{ component: { id: string } }>(page.request, "/api/components", { key, name: names.before }));
    ({ scope: { id: scopeId } } = await postCreated<{ scope: { id: string } }>(page.request, `/api/components/${componentId}/scopes`, { key: scopeKey, description: descriptions.before }));
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  test("the rename dialog opens with the current name in focus, and Escape closes it, focus back on its button", async () => {
    await page.goto("/components");
    const open = page.getByRole("button", { name: `Rename ${names.before}` });
    await open.click();
    const dialog = page.getByRole("dialog", { name: `Rename ${names.before}` });
    await expect(dialog.getByLabel("Name")).toHaveValue(names.before);
    await expect(dialog.getByLabel("Name"), "the field to edit has focus, not the close button").toBeFocused();
    await expect(dialog.getByLabel("Description")).toHaveValue("");
    await expect(dialog).toContainText(`Its key ${key} stays as it is.`);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();
  });

  test("an empty or too-long name is refused at the field, in the service's words, and changes nothing", async () => {
    await page.getByRole("button", { name: `Rename ${names.before}` }).click();
    const dialog = page.getByRole("dialog", { name: `Rename ${names.before}` });
    const field = dialog.getByLabel("Name");
    const error = dialog.locator("#rename-component-name-error");
    await field.fill("   ");
    await field.press("Enter");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(error).toHaveText("Enter a name.");
    await field.fill("x".repeat(101));
    await dialog.getByRole("button", { name: "Rename" }).click();
    await expect(error).toHaveText("Use at most 100 characters.");
    await expectNoAccessibilityViolations(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    // The service refuses the same with the same words, whatever the browser let through.
    for (const [name, message] of [["", "Enter a name."], ["x".repeat(101), "Use at most 100 characters."]]) {
      const res = await page.request.patch(`/api/components/${componentId}`, { data: { name } });
      expect(res.status()).toBe(422);
      expect(((await res.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.name).toEqual([message]);
    }
    await page.reload();
    await expect(page.getByRole("link", { name: names.before })).toBeVisible();
  });

  test("a new name, sent with Enter, shows in the catalogue and in the audit log", async () => {
    await page.getByRole("button", { name: `Rename ${names.before}` }).click();
    const dialog = page.getByRole("dialog", { name: `Rename ${names.before}` });
    await dialog.getByLabel("Name").fill(names.after);
    await dialog.getByLabel("Name").press("Enter");
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Component renamed to ${names.after}.`)).toBeVisible();
    await expect(page.getByRole("link", { name: names.after })).toBeVisible();
    await expect(page.getByRole("link", { name: names.before })).toHaveCount(0);
    await waitForAuditRow(page, `Ada Lovelace renamed component ${names.after} from ${names.before} to ${names.after}`);
  });

  test("a scope is renamed from its component's page; a too-long description is refused first", async () => {
    await page.goto(`/components/${componentId}`);
    await expect(page.getByRole("heading", { level: 1, name: names.after })).toBeVisible();
    await page.getByRole("button", { name: `Rename ${scopeKey}` }).click();
    const dialog = page.getByRole("dialog", { name: `Rename ${scopeKey}` });
    const field = dialog.getByLabel("Description");
    await expect(field).toHaveValue(descriptions.before);
    await field.fill("x".repeat(501));
    await field.press("Enter");
    await expect(dialog.locator("#rename-scope-description-error")).toHaveText("Use at most 500 characters.");
    await expectNoAccessibilityViolations(page);
    await field.fill(descriptions.after);
    await dialog.getByRole("button", { name: "Rename" }).click();
    await expect(dialog).toBeHidden();
    const scopes = page.getByRole("list", { name: `Scopes of ${names.after}` });
    await expect(scopes).toContainText(descriptions.after);
    await expect(scopes).not.toContainText(descriptions.before);
    await waitForAuditRow(page, `Ada Lovelace renamed scope ${scopeKey} from ${descriptions.before} to ${descriptions.after}`);
  });

  test("a retired scope can still be renamed, as the service allows", async () => {
    const retired = await page.request.post(`/api/scopes/${scopeId}/retire`, { data: { confirmKey: scopeKey } });
    expect(retired.status()).toBe(200);
    await page.goto(`/components/${componentId}`);
    const scopes = page.getByRole("list", { name: `Scopes of ${names.after}` });
    await expect(scopes.getByText("retired")).toBeVisible();
    await expect(page.getByRole("button", { name: `Retire ${scopeKey}` })).toHaveCount(0);
    await page.getByRole("button", { name: `Rename ${scopeKey}` }).click();
    const dialog = page.getByRole("dialog", { name: `Rename ${scopeKey}` });
    await dialog.getByLabel("Description").fill(`Retired maps ${run}`);
    await dialog.getByLabel("Description").press("Enter");
    await expect(dialog).toBeHidden();
    await expect(scopes).toContainText(`Retired maps ${run}`);
    await expectNoAccessibilityViolations(page);
  });

  for (const width of [1366, 390]) {
    test(`the catalogue's and the component page's actions are inside the viewport at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ["/components", `/components/${componentId}`]) {
        await page.goto(path);
        await expect(page.getByRole("button", { name: `Rename ${names.after}` })).toBeVisible();
        expect(await expectButtonsInViewport(page), `${path} has actions`).toBeGreaterThan(1);
      }
      await expectNoAccessibilityViolations(page);
      await page.setViewportSize({ width: 1366, height: 900 });
    });
  }

  test("a tenant member sees the catalogue but no Rename", async ({ browser }) => {
    const { tenant } = await postCreated<{ tenant: { id: string } }>(page.request, "/api/tenants", { slug: `catalogue-co-${run}`, name: `Catalogue Co ${run}`, kind: "company" });
    const p = await joinAsMember(browser, page, tenant.id, member);
    await p.goto("/components");
    await expect(p.getByRole("link", { name: names.after })).toBeVisible();
    await expect(p.getByRole("button", { name: /^Rename / })).toHaveCount(0);
    await p.goto(`/components/${componentId}`);
    await expect(p.getByRole("heading", { level: 1, name: names.after })).toBeVisible();
    await expect(p.getByRole("button", { name: /^Rename / })).toHaveCount(0);
    await p.context().close();
  });
});
