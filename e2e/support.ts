// Shared helpers for the e2e specs: the system's address, the setup link, form helpers, the first
// administrator's sign-in (with the authenticator app every platform administrator must have).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { authenticatorApp } from "./totp-clock";

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

/**
 * The first administrator's authenticator app. Every platform administrator must have a second factor, so
 * the first one adds an app the first time they sign in (`completeFirstAdminSignIn`); its secret and the last
 * step used are kept in the run's folder, so every spec file — and a restarted worker — answers with a code
 * never used before (the access service refuses a replayed one).
 */
const authenticatorFile = () => path.join(process.env.TESSERA_E2E_HOME || os.tmpdir(), "e2e-first-admin-authenticator.json");
type AuthenticatorState = { secret: string; lastStep: number };
function readAuthenticator(): AuthenticatorState | null {
  try {
    return JSON.parse(fs.readFileSync(authenticatorFile(), "utf8")) as AuthenticatorState;
  } catch {
    return null;
  }
}
function firstAdminApp(state: AuthenticatorState) {
  return authenticatorApp(state.secret, { lastStep: state.lastStep, save: (lastStep) => fs.writeFileSync(authenticatorFile(), JSON.stringify({ secret: state.secret, lastStep })) });
}

/** A code of the first administrator's app that was never used (waits for the next 30-second step when it must). */
export async function firstAdminCode(page: Page): Promise<string> {
  const state = readAuthenticator();
  if (!state) throw new Error("the first administrator has no authenticator app yet: sign in as them with signInAsFirstAdmin first");
  return firstAdminApp(state).nextCode(page);
}

/**
 * After the first administrator's password was taken on the sign-in page: gives the app's code, or — the first
 * time, when they have none — adds the app on the step the console shows, then lands on the dashboard.
 */
export async function completeFirstAdminSignIn(page: Page) {
  const welcome = page.getByRole("heading", { level: 1, name: /^Welcome,/ });
  const owed = page.getByRole("heading", { level: 1, name: "Add a second factor" });
  const codeStep = page.getByRole("form", { name: "Two-factor authentication" });
  await expect(welcome.or(owed).or(codeStep)).toBeVisible();
  if (await codeStep.isVisible()) {
    await page.getByLabel("Code from your authenticator app").fill(await firstAdminCode(page));
    await codeStep.getByRole("button", { name: "Continue" }).click();
  } else if (await owed.isVisible()) {
    await addAuthenticatorApp(page, "E2E phone", (secret) => {
      fs.writeFileSync(authenticatorFile(), JSON.stringify({ secret, lastStep: -1 }));
      return firstAdminCode(page);
    });
    await page.getByRole("button", { name: "Continue to the console" }).click();
  }
  await expect(welcome).toBeVisible();
}

/**
 * Adds an authenticator app in the Two-factor section on the page (the Security page, or the step that asks for
 * one): `codeFor` is the app, given the secret shown; returns the secret. Adding it gives it in this session.
 */
export async function addAuthenticatorApp(page: Page, label: string, codeFor: (secret: string) => Promise<string>): Promise<string> {
  await page.getByRole("button", { name: "Add an authenticator app" }).click();
  const dialog = page.getByRole("dialog", { name: "Add an authenticator app" });
  await dialog.getByLabel("Name").fill(label);
  await dialog.getByRole("button", { name: "Continue" }).click();
  const secret = (await dialog.getByTestId("totp-secret").textContent())!.trim();
  await dialog.getByLabel("Code from your authenticator app").fill(await codeFor(secret));
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await page.getByRole("dialog", { name: "Authenticator added" }).getByRole("button", { name: "I saved the codes" }).click();
  await expect(page.getByRole("table", { name: "Your passkeys and authenticator apps" }).getByText(label)).toBeVisible();
  return secret;
}

/** Signs in as the first administrator (password, then their app), creating them first when the spec runs without first-run.spec.ts. */
export async function signInAsFirstAdmin(page: Page) {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Tessera" })).toBeVisible();
  const setupLink = setupPath();
  if (setupLink && (await page.getByText("Tessera is not set up yet").count()) > 0) {
    await page.goto(setupLink);
    await fillSetupForm(page, firstAdmin);
    await expect(page).toHaveURL(/\/sign-in\?setup=done/);
  }
  await signIn(page, firstAdmin.email, firstAdmin.password);
  await completeFirstAdminSignIn(page);
}

/**
 * The first administrator's browser state (the session cookie) of a recent sign-in, shared by the spec files'
 * `newFirstAdminPage`: each would otherwise spend a code, and a code is good for one 30-second step only.
 * Shared for a few minutes only, so an action that asks for a fresh second factor still finds it fresh.
 */
const sharedStateFile = () => path.join(process.env.TESSERA_E2E_HOME || os.tmpdir(), "e2e-first-admin-state.json");
const sharedForMs = 4 * 60_000;

/** A browser context of its own for a serial spec, signed in as the first administrator (a recent session when there is one). */
export async function newFirstAdminPage(browser: Browser): Promise<Page> {
  let shared: { at: number; state: Awaited<ReturnType<BrowserContext["storageState"]>> } | null = null;
  try {
    shared = JSON.parse(fs.readFileSync(sharedStateFile(), "utf8"));
  } catch {
    shared = null;
  }
  if (shared && Date.now() - shared.at < sharedForMs) {
    const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL, storageState: shared.state });
    const page = await context.newPage();
    await page.goto("/");
    const welcome = page.getByRole("heading", { level: 1, name: /^Welcome,/ });
    await expect(welcome.or(page.getByRole("heading", { name: "Sign in to Tessera" }))).toBeVisible();
    if (await welcome.isVisible()) return page;
    await context.close(); // that session has ended (a spec signed it out): sign in afresh
  }
  const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
  const page = await context.newPage();
  const at = Date.now();
  await signInAsFirstAdmin(page);
  fs.writeFileSync(sharedStateFile(), JSON.stringify({ at, state: await context.storageState() }));
  return page;
}

/** A fresh browser context (its own cookies: another browser, as far as the system can tell), signed in (the first administrator with their app too). */
export async function newSignedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
  const p = await context.newPage();
  await p.goto("/sign-in");
  await signIn(p, email, password);
  if (email === firstAdmin.email) await completeFirstAdminSignIn(p);
  else await expect(p.getByRole("heading", { level: 1, name: /^Welcome,/ })).toBeVisible();
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
