// Signing out and being sent back, as a browser does it: a callbackUrl made to leave the console (tabs,
// backslashes, a second slash, another origin, javascript:) lands on the console after sign-in; each way
// of signing out — the account menu, next-auth's own sign-out route, /session-ended — ends the session
// at the access service, so the old cookie replayed afterwards opens nothing; and /session-ended sends
// the browser to the deployment's public URL whatever Host it was reached under. The one signing in is a
// tenant's member with a password alone (the first administrator, who must use a second factor, invites
// them), so a dozen sign-ins in a row spend no authenticator codes.
import http from "node:http";
import type { BrowserContext, Page } from "@playwright/test";
import { createLicenseViaApi, joinAsMember } from "./license-fixtures";
import { expect, fillSetupForm, firstAdmin as admin, newFirstAdminPage, setupPath, signIn, test } from "./support";

const run = Date.now().toString(36);
const person = { name: "Rhea Redirect", email: `rhea-${run}@redirects.example`, password: "harbour lantern quarry velvet" };

const console_ = () => new URL(process.env.TESSERA_E2E_WEB_URL!);

/** Alone, this spec creates the first administrator itself; after first-run.spec.ts it exists already. */
async function ensureAdmin(page: Page) {
  const setup = setupPath();
  if (!setup) return;
  await page.goto(setup);
  if (await page.getByRole("heading", { name: "Create the first administrator" }).isVisible()) {
    await fillSetupForm(page, admin);
    await expect(page).toHaveURL(/\/sign-in\?setup=done/);
  }
}

async function signedIn(page: Page, callbackUrl?: string) {
  await page.goto(callbackUrl === undefined ? "/sign-in" : `/sign-in?callbackUrl=${callbackUrl}`);
  await signIn(page, person.email, person.password);
}

/** Replays the cookies a browser had while signed in: only a live server session opens the console. */
async function expectReplayRefused(context: BrowserContext, page: Page, cookies: Awaited<ReturnType<BrowserContext["cookies"]>>) {
  await context.clearCookies();
  await context.addCookies(cookies);
  await page.goto("/licenses");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { level: 1, name: "Licenses" })).toHaveCount(0);
}

test.describe.serial("sign-out and redirects", () => {
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    await ensureAdmin(page);
    await page.close();
    const first = await newFirstAdminPage(browser);
    const { tenantId } = await createLicenseViaApi(first.request, "redirects", run);
    const member = await joinAsMember(browser, first, tenantId, person);
    await member.context().close();
    await first.context().close();
  });

  // Each as it appears in the address bar (already percent-encoded where a browser would send it so).
  const offSite = ["/%09/evil.example", "//evil.example", "/%5Cevil.example".replace("%5C", "\\"), "%2F%2Fevil.example", "/%0A/evil.example", "https://evil.example/", "javascript:alert(document.domain)", "/\\/evil.example"];
  for (const callbackUrl of offSite) {
    test(`callbackUrl ${JSON.stringify(callbackUrl)} lands on the console`, async ({ page }) => {
      await signedIn(page, callbackUrl);
      await expect(page.getByRole("heading", { level: 1, name: /^Welcome,/ })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(console_().origin);
    });
  }

  test("a callbackUrl on the console is honoured", async ({ page }) => {
    await signedIn(page, encodeURIComponent("/licenses?status=active"));
    await expect(page.getByRole("heading", { level: 1, name: "Licenses" })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/licenses");
  });

  test("the account menu's sign-out ends the server session", async ({ page, context }) => {
    await signedIn(page);
    await expect(page.getByRole("heading", { level: 1, name: /^Welcome,/ })).toBeVisible();
    const cookies = await context.cookies();
    await page.getByTestId("account-name").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await expectReplayRefused(context, page, cookies);
  });

  test("next-auth's own sign-out route ends the server session, and its callbackUrl stays on the console", async ({ page, context }) => {
    await signedIn(page);
    await expect(page.getByRole("heading", { level: 1, name: /^Welcome,/ })).toBeVisible();
    const cookies = await context.cookies();
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await page.request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "https://evil.example/", json: "true" } });
    expect(res.ok()).toBe(true);
    const { url } = (await res.json()) as { url: string };
    expect(new URL(url).origin).toBe(console_().origin);
    await expectReplayRefused(context, page, cookies);
  });

  test("/session-ended ends the server session and sends the browser to the public URL", async ({ page, context }) => {
    await signedIn(page);
    await expect(page.getByRole("heading", { level: 1, name: /^Welcome,/ })).toBeVisible();
    const cookies = await context.cookies();
    await page.goto("/session-ended");
    await expect(page).toHaveURL(/\/sign-in\?ended=1/);
    await expectReplayRefused(context, page, cookies);

    // Reached under another host name (as a proxy might pass it), it still answers with the public URL.
    const location = await new Promise<string | undefined>((resolve, reject) => {
      const u = console_();
      http.get({ host: u.hostname, port: u.port, path: "/session-ended", headers: { host: `localhost:${u.port}` } }, (r) => {
        r.resume();
        resolve(r.headers.location);
      }).on("error", reject);
    });
    expect(location).toBe(`${console_().origin}/sign-in`);
  });
});
