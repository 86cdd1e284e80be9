// Passkeys in Chromium with a virtual authenticator (Chrome DevTools Protocol, WebAuthn domain): the first
// administrator, who must have a second factor, is asked to add one before anything else and adds a passkey,
// signs out, signs in with the password and the passkey, and a session opened before the passkey existed
// answers nothing until it is confirmed with it — then makes new recovery codes without asking again.
// Chromium refuses an IP address as a WebAuthn RP id, and the shared system runs at 127.0.0.1; so this
// spec starts a system of its own whose public URL (TESSERA_PUBLIC_URL, the launcher's publicUrl) is
// http://localhost:PORT — the same server, named so that the RP id is "localhost" (a secure context).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, CDPSession, Page } from "@playwright/test";
import { freePort } from "../cli/launcher/free-port";
import { startSystem } from "../cli/launcher/start-system";
import { createTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { expect, fillSetupForm, firstAdmin, signIn, test } from "./support";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

let system: Awaited<ReturnType<typeof startSystem>> | undefined;
let databases: TestDatabase[] = [];
let home = "";
let baseURL = "";
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  databases = [await createTestDatabase("e2e_passkey_access"), await createTestDatabase("e2e_passkey_audit")];
  home = await fs.mkdtemp(path.join(os.tmpdir(), "tessera-e2e-passkeys-"));
  const web = await freePort();
  baseURL = `http://localhost:${web}`;
  system = await startSystem({ home, ports: { web, access: 0, audit: 0 }, publicUrl: baseURL, accessDatabaseUrl: databases[0].url, auditDatabaseUrl: databases[1].url });
});
test.afterAll(async () => {
  for (const c of contexts) await c.close();
  await system?.stop();
  await Promise.all(databases.map((d) => d.drop()));
  if (home) await fs.rm(home, { recursive: true, force: true });
});

async function newPage(browser: import("@playwright/test").Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  contexts.push(context);
  return context.newPage();
}

/** A virtual platform authenticator (built in, user-verifying) on this page. */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

let admin: Page;
let before: Page; // a session opened before the passkey existed: it never verified it
let authenticator: { cdp: CDPSession; authenticatorId: string };

test("adds a passkey on the Security page; the first comes with recovery codes", async ({ browser }) => {
  admin = await newPage(browser);
  await admin.goto(new URL(system!.setupLink!).pathname);
  await fillSetupForm(admin, firstAdmin);
  await expect(admin).toHaveURL(/\/sign-in\?setup=done/);
  await signIn(admin, firstAdmin.email, firstAdmin.password);
  // A platform administrator without a second factor: the console asks for one before anything else.
  await expect(admin.getByRole("heading", { level: 1, name: "Add a second factor" })).toBeVisible();
  await expect(admin.getByRole("navigation", { name: /main/i })).toHaveCount(0);
  const refused = await admin.request.get("/api/licenses");
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { reason?: string }).reason).toBe("second-factor-required");
  before = await newPage(browser);
  await before.goto("/sign-in");
  await signIn(before, firstAdmin.email, firstAdmin.password);
  await expect(before.getByRole("heading", { level: 1, name: "Add a second factor" })).toBeVisible();

  authenticator = await virtualAuthenticator(admin);
  await admin.goto("/security");
  await expect(admin.getByRole("heading", { level: 1, name: "Add a second factor" })).toBeVisible();
  await admin.getByRole("button", { name: "Add a passkey" }).click();
  const dialog = admin.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByLabel("Name").fill("This laptop");
  await dialog.getByRole("button", { name: "Create passkey" }).click();
  const done = admin.getByRole("dialog", { name: "Passkey added" });
  await expect(done.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await done.getByRole("button", { name: "I saved the codes" }).click();
  const table = admin.getByRole("table", { name: "Your passkeys and authenticator apps" });
  await expect(table.getByText("This laptop")).toBeVisible();
  await expect(table.getByText("Passkey", { exact: true })).toBeVisible();
  const { credentials } = await authenticator.cdp.send("WebAuthn.getCredentials", { authenticatorId: authenticator.authenticatorId });
  expect(credentials).toHaveLength(1);
  // Adding it gave it in this session: the console answers now.
  await admin.getByRole("button", { name: "Continue to the console" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: /^Welcome,/ })).toBeVisible();
});

test("signs out, then signs in with the password and the passkey", async () => {
  await admin.getByTestId("account-name").click();
  await admin.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(admin.getByText("You have signed out.")).toBeVisible();
  await admin.goto("/sign-in");
  await signIn(admin, firstAdmin.email, firstAdmin.password);
  await expect(admin.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await admin.getByRole("button", { name: "Use your passkey" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: /^Welcome,/ })).toBeVisible();
  const { credentials } = await authenticator.cdp.send("WebAuthn.getCredentials", { authenticatorId: authenticator.authenticatorId });
  expect(credentials[0].signCount).toBeGreaterThan(0);
});

test("a session opened before the passkey existed is confirmed with it first, then makes new recovery codes", async () => {
  // The same passkey on the other session's browser: copied from the first virtual authenticator.
  const { credentials } = await authenticator.cdp.send("WebAuthn.getCredentials", { authenticatorId: authenticator.authenticatorId });
  const other = await virtualAuthenticator(before);
  await other.cdp.send("WebAuthn.addCredential", { authenticatorId: other.authenticatorId, credential: credentials[0] });
  await before.goto("/security");
  await expect(before.getByRole("heading", { level: 1, name: "Confirm it is you" })).toBeVisible();
  await before.getByRole("button", { name: "Confirm it is you" }).click();
  const stepUp = before.getByRole("dialog", { name: "Confirm it is you" });
  await stepUp.getByRole("button", { name: "Use your passkey" }).click();
  // Confirmed in this session: the Security page itself, and the fresh factor lets new codes through without asking again.
  await expect(before.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  await before.getByRole("button", { name: "New recovery codes" }).click();
  const codes = before.getByRole("dialog", { name: "New recovery codes" });
  await expect(codes.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
});
