// Shared helpers for the e2e specs: the system's address, the setup link, form helpers.
import { test as base, expect, type Browser, type Page } from "@playwright/test";

export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.TESSERA_E2E_WEB_URL;
    if (!url) throw new Error("TESSERA_E2E_WEB_URL is not set: globalSetup did not start the system");
    await use(url);
  },
});
export { expect };

/** The first administrator, created by first-run.spec.ts; later spec files (alphabetical, one worker) sign in as them. */
export const firstAdmin = {
  name: "Ada Lovelace",
  email: "ada@example.test",
  password: "correct horse battery staple tessera",
};

/** The setup link as a path on the web tier (the service may print a full URL or just the token path). */
export function setupPath(): string | null {
  const link = process.env.TESSERA_E2E_SETUP_LINK;
  if (!link) return null;
  if (/^https?:\/\//.test(link)) {
    const u = new URL(link);
    return `${u.pathname}${u.search}`;
  }
  return link.startsWith("/") ? link : `/setup/${link}`;
}

export async function fillSetupForm(page: Page, v: { name: string; email: string; password: string; confirm?: string }) {
  await page.getByLabel("Your name").fill(v.name);
  await page.getByLabel("E-mail").fill(v.email);
  await page.getByLabel("Password", { exact: true }).fill(v.password);
  await page.getByLabel("Confirm password").fill(v.confirm ?? v.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in as the first administrator, creating them first when the spec runs without first-run.spec.ts. */
export async function signInAsFirstAdmin(page: Page) {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Tessera" })).toBeVisible();
  const path = setupPath();
  if (path && (await page.getByText("Tessera is not set up yet").count()) > 0) {
    await page.goto(path);
    await fillSetupForm(page, firstAdmin);
    await expect(page).toHaveURL(/\/sign-in\?setup=done/);
  }
  await signIn(page, firstAdmin.email, firstAdmin.password);
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome,/ })).toBeVisible();
}

/** A browser context of its own for a serial spec, signed in as the first administrator. */
export async function newFirstAdminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
  const page = await context.newPage();
  await signInAsFirstAdmin(page);
  return page;
}

/** A fresh browser context (its own cookies: another browser, as far as the system can tell), signed in. */
export async function newSignedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
  const p = await context.newPage();
  await p.goto("/sign-in");
  await signIn(p, email, password);
  await expect(p.getByRole("heading", { level: 1, name: /^Welcome,/ })).toBeVisible();
  return p;
}

/**
 * A typed confirmation (revoke a license, revoke all tokens): the confirm button stays disabled for a
 * wrong entry and works once `expected` is typed; returns when the dialog has closed.
 */
export async function confirmByTyping(page: Page, dialogName: string, confirmName: string, expected: string) {
  const dialog = page.getByRole("dialog", { name: dialogName });
  const confirm = dialog.getByRole("button", { name: confirmName });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill("lic_wrong");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill(expected);
  await confirm.click();
  await expect(dialog).toBeHidden();
}
