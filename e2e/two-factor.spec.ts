// Two-factor authentication as a person meets it: a tenant administrator adds an authenticator app on the
// Security page (QR code, secret, first code, recovery codes shown once), signs in again in two steps (and
// once with a recovery code), and revealing a license key from a session that has not verified the factor
// is refused until the step-up dialog takes a current code. Runs as a person of its own, never the first
// administrator that other specs sign in as. Last, having "lost" the phone, Tove is reset by the
// administrator from the tenant's members and signs in with the password alone — until the administrator
// requires a second factor of the tenant's people, when her live session can do nothing but add one.
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { createLicenseViaApi, joinAsMember } from "./license-fixtures";
import { addAuthenticatorApp, expect, firstAdminCode, newFirstAdminPage, newSignedInPage, signIn, test } from "./support";
import { authenticatorApp } from "./totp-clock";

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const person = { name: "Tove Factor", email: `tove-${run}@mfa.example`, password: "lantern orchard velvet quarry" };
let admin: Page;
let tove: Page;
let before: Page; // a session of Tove's opened before the authenticator existed: it never verified it
let licenseId: string;
let tenantId: string;
let app: ReturnType<typeof authenticatorApp>;
let recoveryCodes: string[] = [];

test.beforeAll(async ({ browser }) => {
  admin = await newFirstAdminPage(browser);
  const created = await createLicenseViaApi(admin.request, "mfa", run);
  licenseId = created.licenseId;
  tenantId = created.tenantId;
  tove = await joinAsMember(browser, admin, created.tenantId, person, "tenant_admin");
  before = await newSignedInPage(browser, person.email, person.password);
});
test.afterAll(async () => {
  for (const p of [admin, tove, before]) await p?.context().close();
});

test("adds an authenticator app with its QR code and keeps the recovery codes shown once", async () => {
  await tove.setViewportSize({ width: 390, height: 844 });
  await tove.goto("/security");
  const section = tove.getByRole("heading", { name: "Two-factor authentication" });
  await expect(section).toBeVisible();
  await expect(tove.getByTestId("no-factors")).toBeVisible();
  await tove.getByRole("button", { name: "Add an authenticator app" }).click();
  const dialog = tove.getByRole("dialog", { name: "Add an authenticator app" });
  await dialog.getByLabel("Name").fill("Work phone");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(dialog.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await dialog.getByTestId("totp-secret").textContent())!.trim();
  app = authenticatorApp(secret);
  await expectNoAccessibilityViolations(tove);

  await dialog.getByLabel("Code from your authenticator app").fill(app.wrongCode());
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByText(/not correct/)).toBeVisible();
  await dialog.getByLabel("Code from your authenticator app").fill(await app.nextCode(tove));
  await dialog.getByRole("button", { name: "Confirm" }).click();

  const done = tove.getByRole("dialog", { name: "Authenticator added" });
  const codes = done.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  recoveryCodes = (await codes.allTextContents()).map((c) => c.trim());
  await done.getByRole("button", { name: "I saved the codes" }).click();
  await expect(tove.getByRole("table", { name: "Your passkeys and authenticator apps" }).getByText("Work phone")).toBeVisible();
  await expect(tove.getByTestId("recovery-codes-left")).toHaveText("10 recovery codes left");
});

test("signs in in two steps: the password, then the code (a wrong code is said beside it)", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
  const p = await context.newPage();
  await p.setViewportSize({ width: 390, height: 844 });
  await p.goto("/sign-in");
  await signIn(p, person.email, person.password);
  await expect(p.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  const code = p.getByLabel("Code from your authenticator app");
  await expect(code).toBeFocused();
  await expectNoAccessibilityViolations(p);
  await code.fill("12345");
  await p.getByRole("button", { name: "Continue" }).click();
  await expect(p.locator("#second-factor-error")).toContainText("not correct");
  await code.fill(await app.nextCode(p));
  await code.press("Enter");
  await expect(p.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` })).toBeVisible();
  await context.close();
});

test("signs in with a recovery code, which then works no more", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
  const p = await context.newPage();
  const secondStepWithRecovery = async (code: string) => {
    await p.goto("/sign-in");
    await signIn(p, person.email, person.password);
    await p.getByRole("button", { name: "Use a recovery code instead" }).click();
    await p.getByLabel("Recovery code").fill(code);
    await p.getByRole("button", { name: "Continue" }).click();
  };
  await secondStepWithRecovery(recoveryCodes[0].toLowerCase());
  await expect(p.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` })).toBeVisible();
  await p.context().clearCookies();
  await secondStepWithRecovery(recoveryCodes[0]);
  await expect(p.locator("#second-factor-error")).toContainText("not correct or has already been used");
  await context.close();
});

test("a session that never verified the factor is refused a license key until the step-up dialog takes a code", async () => {
  // Straight at the API: refused with the code the console answers with its dialog.
  const refused = await before.request.post(`/api/licenses/${licenseId}/reveal-key`, { data: { password: person.password } });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { reason: string }).reason).toBe("step-up-required");

  await before.goto(`/licenses/${licenseId}`);
  await before.getByRole("button", { name: "Reveal key" }).click();
  const reveal = before.getByRole("dialog", { name: "Reveal license key" });
  await reveal.getByLabel("Your password").fill(person.password);
  await reveal.getByRole("button", { name: "Reveal key" }).click();
  const stepUp = before.getByRole("dialog", { name: "Confirm it is you" });
  await expect(stepUp).toBeVisible();
  await expect(stepUp.getByLabel("Code from your authenticator app")).toBeFocused();
  await expectNoAccessibilityViolations(before);
  // Cancelled: nothing is revealed and the refusal says why.
  await stepUp.getByRole("button", { name: "Cancel" }).click();
  await expect(before.getByTestId("toast-error")).toContainText("second factor");
  await expect(before.getByTestId("license-key")).toHaveCount(0);

  await reveal.getByRole("button", { name: "Reveal key" }).click();
  await expect(stepUp).toBeVisible();
  await stepUp.getByLabel("Code from your authenticator app").fill(app.wrongCode());
  await stepUp.getByRole("button", { name: "Confirm" }).click();
  await expect(stepUp.getByText(/not correct/)).toBeVisible();
  await stepUp.getByLabel("Code from your authenticator app").fill(await app.nextCode(before));
  await stepUp.getByRole("button", { name: "Confirm" }).click();
  const key = before.getByRole("dialog", { name: "License key" }).getByTestId("license-key");
  await expect(key).toBeVisible();
  expect((await key.textContent())!.trim().length).toBeGreaterThan(16);
});

test("an administrator approves the reset of a person who lost their factor; they sign in with the password and can add a new one", async () => {
  await admin.goto(`/tenants/${tenantId}`);
  await admin.getByRole("button", { name: `Reset two-factor authentication of ${person.name}` }).click();
  const confirm = admin.getByRole("dialog", { name: `Reset two-factor authentication of ${person.name}?` });
  await confirm.getByRole("button", { name: "Reset two-factor" }).click();
  await expect(admin.getByText("Two-factor authentication reset. Their sessions have ended.")).toBeVisible();

  await tove.goto("/licenses");
  await expect(tove).toHaveURL(/\/sign-in/);
  await tove.goto("/sign-in");
  await signIn(tove, person.email, person.password);
  await expect(tove.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` })).toBeVisible();
  await tove.goto("/security");
  await expect(tove.getByTestId("no-factors")).toBeVisible();
});

test("the tenant's administrator requires a second factor of its people: Tove, without one, can do nothing but add one", async () => {
  // The first administrator sets it on the tenant's page (a fresh factor of their own: the step-up dialog asks if it is not).
  await admin.goto(`/tenants/${tenantId}`);
  await expect(admin.getByTestId("second-factor-requirement")).toContainText("optional");
  await admin.getByRole("button", { name: "Require a second factor" }).click();
  const stepUp = admin.getByRole("dialog", { name: "Confirm it is you" });
  await expect(stepUp.or(admin.getByTestId("second-factor-requirement").getByText(/A second factor is required/))).toBeVisible();
  if (await stepUp.isVisible()) {
    await stepUp.getByLabel("Code from your authenticator app").fill(await firstAdminCode(admin));
    await stepUp.getByRole("button", { name: "Confirm" }).click();
  }
  await expect(admin.getByTestId("second-factor-requirement")).toContainText("A second factor is required");
  await expect(admin.getByRole("button", { name: "Make a second factor optional" })).toBeVisible();

  // Tove's live session (password alone, since the reset) owes one at once: the console shows only that step.
  await tove.goto("/licenses");
  await expect(tove.getByRole("heading", { level: 1, name: "Add a second factor" })).toBeVisible();
  await expect(tove.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expectNoAccessibilityViolations(tove);
  const refused = await tove.request.get("/api/licenses");
  expect(((await refused.json()) as { reason?: string }).reason).toBe("second-factor-required");
  const secret = await addAuthenticatorApp(tove, "New phone", (s) => authenticatorApp(s).nextCode(tove));
  expect(secret.length).toBeGreaterThan(15);
  await tove.getByRole("button", { name: "Continue to the console" }).click();
  await expect(tove.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` })).toBeVisible();
});
