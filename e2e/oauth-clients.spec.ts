// OAuth clients of a license, as people manage them in the browser: the license page explains what an OAuth
// client is while there is none; a platform administrator registers one (scopes limited to the license's, a
// bad certificate identity refused next to its field), finds it in the table with its client_id, and revokes
// it after a confirmation that says its tokens stop working; a tenant member sees the clients but no actions.
// Signs in as the administrator first-run.spec.ts created (or creates them, when this file runs alone); the
// tenant, tier and license are made through the web tier's own API routes. Serial: each step builds on the last.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { createLicenseViaApi, joinAsMember } from "./license-fixtures";
import { expect, newFirstAdminPage, test } from "./support";

const run = randomBytes(3).toString("hex");
const clientName = `Reports worker ${run}`;
const certIdentity = `reports-worker-${run}`;
const member = { name: "Dorothy Vaughan", email: `dorothy-${run}@example.test`, password: "fortran taught to a whole computing pool" };

let page: Page;
let licenseId = "";
let tenantId = "";
let clientId = "";

async function openLicensePage(p: Page = page) {
  await p.goto(`/licenses/${licenseId}`);
  await expect(p.getByRole("heading", { level: 2, name: "OAuth clients" })).toBeVisible();
}

const clientsSection = (p: Page = page) => p.getByTestId("oauth-clients-section");
const clientRow = (p: Page = page) => p.getByRole("table", { name: "OAuth clients" }).getByRole("row", { name: new RegExp(clientName) });

test.describe.serial("OAuth clients in the browser", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newFirstAdminPage(browser);
    ({ licenseId, tenantId } = await createLicenseViaApi(page.request, "oauth", run));
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  test("with none yet, the license page explains what an OAuth client is and how a component uses it", async () => {
    await openLicensePage();
    const section = clientsSection();
    await expect(section.getByText("No OAuth clients yet")).toBeVisible();
    await expect(section.getByText(/common name \(CN\)/)).toBeVisible();
    await expect(section.getByText("grant_type=client_credentials")).toBeVisible();
    await expect(section.getByText("client_id", { exact: true })).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test("register a client: the license's scopes only, a bad certificate identity refused at its field", async () => {
    await openLicensePage();
    await page.getByRole("button", { name: "Register OAuth client" }).click();
    const dialog = page.getByRole("dialog", { name: "Register OAuth client" });
    await expect(dialog.getByRole("checkbox")).toHaveCount(2);
    await expect(dialog.getByLabel("reports:read")).toBeVisible();
    await expect(dialog.getByLabel("reports:write")).toBeVisible();
    // The lifetime starts at the tier's default (24 hours) and may not pass its maximum (720 hours).
    await expect(dialog.getByLabel("Token lifetime (minutes)")).toHaveValue("1440");
    await dialog.getByLabel("Name").fill(clientName);
    await expect(dialog.getByRole("button", { name: "Register client" })).toBeDisabled();
    await dialog.getByLabel("reports:read").check();
    await dialog.getByLabel("Token lifetime (minutes)").fill(String(720 * 60 + 1));
    await dialog.getByRole("button", { name: "Register client" }).click();
    await expect(dialog.getByLabel("Token lifetime (minutes)")).toHaveAttribute("aria-invalid", "true");
    await dialog.getByLabel("Token lifetime (minutes)").fill("15");

    // Not an identity name at all: the answer's field message sits under the field.
    const identity = dialog.getByLabel("Certificate identity");
    await identity.fill("Reports Worker");
    await dialog.getByRole("button", { name: "Register client" }).click();
    await expect(identity).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.locator("#oauth-client-cert-identity-error")).toContainText("lowercase letters, digits and dashes");
    // A well-formed name that is one of Tessera's own services: refused by the access service, same place.
    await identity.fill("web");
    await dialog.getByRole("button", { name: "Register client" }).click();
    await expect(dialog.locator("#oauth-client-cert-identity-error")).toContainText("one of Tessera's own services");
    await expectNoAccessibilityViolations(page);

    await identity.fill(certIdentity);
    await dialog.getByRole("button", { name: "Register client" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`OAuth client ${clientName} registered.`)).toBeVisible();

    const row = clientRow();
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(certIdentity);
    await expect(row).toContainText("reports:read");
    await expect(row).not.toContainText("reports:write");
    await expect(row).toContainText("15 minutes");
    await expect(row.locator('[data-status="active"]')).toHaveText("Active");
    clientId = (await row.getByTestId("oauth-client-id").textContent())!.trim();
    expect(clientId).toMatch(/^cli_/);
    await expect(row.getByRole("button", { name: "Copy client_id" })).toBeVisible();
    await expect(clientsSection().getByText("No OAuth clients yet")).toHaveCount(0);
    await expectNoAccessibilityViolations(page);

    // It is still there after a reload: it came from the access service, not the page's memory.
    await page.reload();
    await expect(clientRow()).toContainText(clientId);
  });

  test("a tenant member sees the clients but none of the actions", async ({ browser }) => {
    const p = await joinAsMember(browser, page, tenantId, member);
    await openLicensePage(p);
    await expect(clientRow(p)).toContainText(clientId);
    await expect(p.getByRole("table", { name: "OAuth clients" }).getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
    await expect(p.getByRole("button", { name: "Register OAuth client" })).toHaveCount(0);
    await expect(p.getByRole("button", { name: `Revoke ${clientName}` })).toHaveCount(0);
    await p.context().close();
  });

  test("revoke with a confirmation that says its tokens stop working; then it shows as revoked", async () => {
    await openLicensePage();
    // Cancelling changes nothing.
    await page.getByRole("button", { name: `Revoke ${clientName}` }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke this OAuth client?" });
    await expect(dialog).toContainText("every token it obtained stops working");
    await expect(dialog).toContainText(clientId);
    await expectNoAccessibilityViolations(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(clientRow().locator('[data-status="active"]')).toBeVisible();

    // Keyboard only: the revoke button, then the confirmation.
    await page.getByRole("button", { name: `Revoke ${clientName}` }).focus();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Revoke client" }).focus();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`OAuth client ${clientName} revoked; 0 tokens stopped working.`)).toBeVisible();

    await expect(clientRow().locator('[data-status="revoked"]')).toHaveText("Revoked");
    await expect(clientRow().locator("time")).toHaveCount(2);
    await expect(page.getByRole("button", { name: `Revoke ${clientName}` })).toHaveCount(0);
    await page.reload();
    await expect(clientRow().locator('[data-status="revoked"]')).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });
});
