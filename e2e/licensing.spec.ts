// Licensing, as people do it in the browser: a platform administrator creates a district tenant, a tier
// and a license, reveals its key, suspends, reinstates, changes tier and revokes it; a tenant administrator
// of another tenant, invited by link, cannot see it. Runs after first-run.spec.ts (alphabetical, one worker)
// and signs in as the administrator it created. Serial: each step builds on the last.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { confirmByTyping, expect, firstAdmin, newSignedInPage, signIn, test } from "./support";
import { wrongPasswordMessage } from "../contracts/field-messages";

const run = randomBytes(3).toString("hex");
const district = { name: `Springfield Unified ${run}`, slug: `springfield-${run}` };
const company = { name: `Other Co ${run}`, slug: `other-co-${run}` };
const tier = { key: `district-reports-${run}`, name: `District Reporting ${run}` };
/** A tier with no reporting scope: moving the reporting license onto it is blocked. */
const pipelinesTier = { key: `pipelines-${run}`, name: `Pipelines ${run}` };
const otherAdmin = { name: "Grace Hopper", email: `grace-${run}@example.test`, password: "amber falcon drifts over quiet harbours" };

let page: Page;
let licenseId = "";
/** Content-Security-Policy violations seen by the administrator's page over the whole run. */
const cspViolations: string[] = [];

async function createTenant(p: Page, t: { name: string; slug: string }, districtFields?: { state: string; agreement: string }) {
  await p.goto("/tenants");
  await p.getByRole("button", { name: "New tenant" }).click();
  const dialog = p.getByRole("dialog", { name: "New tenant" });
  await dialog.getByLabel("Name").fill(t.name);
  await dialog.getByLabel("Slug").fill(t.slug);
  if (districtFields) {
    // The district fields appear only once "School district" is chosen.
    await expect(dialog.getByLabel("State")).toHaveCount(0);
    await dialog.getByLabel("Kind").selectOption({ label: "School district" });
    await dialog.getByLabel("State").selectOption(districtFields.state);
    await dialog.getByLabel("Student-data agreement").fill(districtFields.agreement);
  }
  await dialog.getByRole("button", { name: "Create tenant" }).click();
  await expect(p.getByRole("heading", { level: 1, name: t.name })).toBeVisible();
  await expect(p.getByText(`Tenant ${t.name} created.`)).toBeVisible();
  return p.url().split("/tenants/")[1];
}

async function confirmIn(p: Page, dialogName: string, button: string) {
  const dialog = p.getByRole("dialog", { name: dialogName });
  await dialog.getByRole("button", { name: button }).click();
  await expect(dialog).toBeHidden();
}

test.describe.serial("licensing in the browser", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newSignedInPage(browser, firstAdmin.email, firstAdmin.password);
    page.on("console", (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  test("create a district tenant", async () => {
    // A slug that breaks the rules gets a message next to the field, and nothing is created.
    await page.goto("/tenants");
    await page.getByRole("button", { name: "New tenant" }).click();
    const dialog = page.getByRole("dialog", { name: "New tenant" });
    await dialog.getByLabel("Name").fill(district.name);
    await dialog.getByLabel("Slug").fill("Not A Slug");
    await dialog.getByRole("button", { name: "Create tenant" }).click();
    await expect(dialog.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("toast-error")).toContainText("The tenant was not created.");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    await createTenant(page, district, { state: "IL", agreement: "Illinois SDPC DPA 2026" });
    await expect(page.getByText("School district")).toBeVisible();
    await expect(page.getByText("Illinois SDPC DPA 2026")).toBeVisible();

    // The district signs a newer agreement: edit the tenant; the slug is not editable.
    await page.getByRole("button", { name: "Edit tenant" }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${district.name}` });
    await expect(edit.getByLabel("Slug")).toHaveCount(0);
    await expect(edit.getByLabel("State")).toHaveValue("IL");
    await edit.getByLabel("Student-data agreement").fill("Illinois SDPC DPA 2027");
    await edit.getByRole("button", { name: "Save tenant" }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByText("Illinois SDPC DPA 2027")).toBeVisible();
  });

  test("create a tier with reporting scopes", async () => {
    await page.goto("/tiers");
    await page.getByRole("button", { name: "New tier" }).click();
    const dialog = page.getByRole("dialog", { name: "New service tier" });
    await dialog.getByLabel("Key").fill(tier.key);
    await dialog.getByLabel("Name").fill(tier.name);
    await dialog.getByLabel("reports:read").check();
    await dialog.getByLabel("reports:write").check();
    await dialog.getByRole("button", { name: "Create tier" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("link", { name: tier.name })).toBeVisible();

    await page.getByRole("button", { name: "New tier" }).click();
    await dialog.getByLabel("Key").fill(pipelinesTier.key);
    await dialog.getByLabel("Name").fill(pipelinesTier.name);
    await dialog.getByLabel("etl:run").check();
    await dialog.getByRole("button", { name: "Create tier" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("link", { name: pipelinesTier.name })).toBeVisible();
  });

  test("create a license and see its scopes", async () => {
    await page.goto("/licenses");
    await page.getByRole("button", { name: "New license" }).click();
    const dialog = page.getByRole("dialog", { name: "New license" });
    await dialog.getByLabel("Tenant").selectOption({ label: `${district.name} (${district.slug})` });
    await dialog.getByLabel("Application").selectOption({ label: "Reporting" });
    await dialog.getByLabel("Service tier").selectOption({ label: tier.name });
    await dialog.getByRole("button", { name: "Create license" }).click();
    await expect(page).toHaveURL(/\/licenses\/lic_/);
    licenseId = (await page.getByTestId("license-id").textContent())!.trim();
    await expect(page.getByRole("heading", { level: 1, name: `Reporting for ${district.name}` })).toBeVisible();
    await expect(page.getByTestId("license-scopes")).toContainText("reports:read");
    await expect(page.getByTestId("license-scopes")).toContainText("reports:write");
    await expect(page.getByTestId("license-holder")).toHaveText(`Site ${district.slug}`); // no holder named: the whole tenant
    await expect(page.locator('[data-status="active"]').first()).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test("a second license for the application names its holder; the same holder again is refused beside the field", async () => {
    const fill = async () => {
      await page.getByRole("button", { name: "New license" }).click();
      const dialog = page.getByRole("dialog", { name: "New license" });
      await dialog.getByLabel("Tenant").selectOption({ label: `${district.name} (${district.slug})` });
      await dialog.getByLabel("Application").selectOption({ label: "Reporting" });
      await dialog.getByLabel("Holder kind").selectOption({ label: "Person" });
      await dialog.getByLabel("Holder name").fill("jordan.lee");
      await dialog.getByLabel("Service tier").selectOption({ label: tier.name });
      await dialog.getByRole("button", { name: "Create license" }).click();
      return dialog;
    };
    await page.goto("/licenses");
    await fill();
    await expect(page).toHaveURL(/\/licenses\/lic_/);
    await expect(page.getByTestId("license-holder")).toHaveText("Person jordan.lee");
    const jordanId = (await page.getByTestId("license-id").textContent())!.trim();

    await page.goto("/licenses");
    const dialog = await fill();
    const name = dialog.getByLabel("Holder name");
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(dialog).toContainText(`Person jordan.lee already has a live reports license in this tenant (${jordanId})`);
    await expectNoAccessibilityViolations(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await page.getByLabel("Search licenses").fill("jordan");
    const table = page.getByRole("table", { name: "Licenses" });
    await expect(table.getByRole("link", { name: jordanId })).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table.getByRole("row").nth(1)).toContainText("jordan.lee (person)");
  });

  test("the licenses table finds it and passes the accessibility checks", async () => {
    await page.goto("/licenses");
    await page.getByLabel("Search licenses").fill(licenseId);
    const table = page.getByRole("table", { name: "Licenses" });
    await expect(table.getByRole("link", { name: licenseId })).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(2);
    // Sorting is announced on the header.
    await table.getByRole("button", { name: /Tenant/ }).click();
    await expect(table.getByRole("columnheader", { name: /Tenant/ })).toHaveAttribute("aria-sort", "ascending");
    await page.getByLabel("Status").selectOption("suspended");
    await expect(page.getByText("No licenses found")).toBeVisible();
    await page.getByLabel("Status").selectOption("active");
    await expect(page.getByRole("table", { name: "Licenses" }).getByRole("link", { name: licenseId })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    // At phone width the table scrolls inside its own box; the page itself does not widen.
    await page.setViewportSize({ width: 390, height: 800 });
    await expect(page.getByRole("button", { name: "Menu" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  test("reveal the key after re-entering the password (a wrong one is named as such), then close it", async () => {
    await page.goto(`/licenses/${licenseId}`);
    await page.getByRole("button", { name: "Reveal key" }).click();
    const dialog = page.getByRole("dialog", { name: "Reveal license key" });
    await dialog.getByLabel("Your password").fill("not my password at all, sorry");
    await dialog.getByRole("button", { name: "Reveal key" }).click();
    await expect(dialog.getByText(wrongPasswordMessage)).toBeVisible();
    await expect(page.getByTestId("toast-error")).toContainText(wrongPasswordMessage);
    await expect(page.getByTestId("toast-error")).not.toContainText("Not signed in");
    await expect(page).toHaveURL(new RegExp(`/licenses/${licenseId}$`));

    await dialog.getByLabel("Your password").fill(firstAdmin.password);
    await dialog.getByRole("button", { name: "Reveal key" }).click();
    const shown = page.getByRole("dialog", { name: "License key" });
    const key = shown.getByTestId("license-key");
    await expect(key).toBeVisible();
    expect((await key.textContent())!.trim().length).toBeGreaterThan(16);
    // The wrong attempt's toast is withdrawn once the reveal succeeds.
    await expect(page.getByTestId("toast-error")).toHaveCount(0);
    await shown.getByRole("button", { name: "Done" }).click();
    await expect(key).toHaveCount(0);
  });

  test("suspend and reinstate", async () => {
    await page.goto(`/licenses/${licenseId}`);
    await page.getByRole("button", { name: "Suspend" }).click();
    // Cancel returns focus to the button that opened the dialog.
    await page.getByRole("dialog", { name: "Suspend this license?" }).getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("button", { name: "Suspend" })).toBeFocused();
    await page.getByRole("button", { name: "Suspend" }).click();
    await confirmIn(page, "Suspend this license?", "Suspend license");
    await expect(page.getByText("License suspended.")).toBeVisible();
    await expect(page.locator('[data-status="suspended"]')).toBeVisible();

    await page.getByRole("button", { name: "Reinstate" }).click();
    await confirmIn(page, "Reinstate this license?", "Reinstate license");
    await expect(page.getByText("License reinstated.")).toBeVisible();
    await expect(page.locator('[data-status="active"]')).toBeVisible();
  });

  test("change tier: a move the tier's rules block is shown as blocking; the scopes it loses are shown first and end at once", async () => {
    await page.goto(`/licenses/${licenseId}`);
    await page.getByRole("button", { name: "Change tier" }).click();
    const dialog = page.getByRole("dialog", { name: "Change tier" });
    const confirm = dialog.getByRole("button", { name: "Change tier" });
    await expect(confirm).toBeDisabled();
    // A tier granting no reporting scope: the access service's dry run says what breaks, and the move cannot be confirmed.
    await dialog.getByLabel("New tier").selectOption({ label: pipelinesTier.name });
    const blocking = dialog.getByTestId("tier-change-blocking");
    await expect(blocking).toContainText(`This license cannot move to ${pipelinesTier.name}: it would break the tier's rules.`);
    await expect(blocking.getByRole("list", { name: "What breaks" })).toContainText(`No scope left: ${pipelinesTier.name} grants no reports scope.`);
    await expect(dialog.getByRole("list", { name: "Scopes this license loses at once" })).toContainText("reports:read");
    await expect(confirm).toBeDisabled();
    await expectNoAccessibilityViolations(page);

    await dialog.getByLabel("New tier").selectOption({ label: "Standard" });
    await expect(blocking).toHaveCount(0);
    await expect(dialog.getByRole("list", { name: "Scopes this license loses at once" })).toContainText("reports:write");
    await expect(dialog.getByTestId("tier-change-preview")).toContainText("Seats stay at 10.");
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("license-tier")).toHaveText("Standard");
    await expect(page.getByTestId("license-scopes")).toContainText("reports:read");
    await expect(page.getByTestId("license-scopes")).not.toContainText("reports:write");
  });

  test("a license's own request quota: a wrong value is explained, a number saved, empty gives the tier's back", async () => {
    await page.goto(`/licenses/${licenseId}`);
    await expect(page.getByTestId("license-request-quota")).toContainText("(the tier's)");
    await page.getByRole("button", { name: "Request quota" }).click();
    const dialog = page.getByRole("dialog", { name: "Request quota" });
    const field = dialog.getByLabel("Requests per minute");
    await field.fill("0");
    await dialog.getByRole("button", { name: "Save quota" }).click();
    await expect(dialog.getByText("At least one request a minute.")).toBeVisible();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expectNoAccessibilityViolations(page);
    await field.fill("120");
    await dialog.getByRole("button", { name: "Save quota" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("license-request-quota")).toContainText("120 a minute (this license's own");
    await page.getByRole("button", { name: "Request quota" }).click();
    await expect(field).toHaveValue("120");
    await field.fill("");
    await dialog.getByRole("button", { name: "Save quota" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("license-request-quota")).toContainText("(the tier's)");
  });

  test("editing a tier shows what changes for whom before saving", async () => {
    await page.goto("/tiers");
    await page.getByRole("link", { name: "Standard", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Standard" })).toBeVisible();
    await page.getByLabel("reports:read").uncheck();
    // No save button until the change has been previewed.
    await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
    await page.getByRole("button", { name: "Preview changes" }).click();
    const preview = page.getByTestId("tier-preview");
    await expect(preview.getByRole("list", { name: "Scopes removed from the tier" })).toContainText("reports:read");
    await expect(preview.getByRole("table", { name: "Licenses affected" })).toContainText(licenseId);
    await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    // Changing the form again withdraws the preview; discarding leaves Standard as it was.
    await page.getByLabel("reports:read").check();
    await expect(preview).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Preview changes" })).toBeDisabled();

    // A quota change on our own tier: previewed, then saved.
    await page.goto("/tiers");
    await page.getByRole("link", { name: tier.name }).click();
    await page.getByLabel("Seats").fill("40");
    await page.getByRole("button", { name: "Preview changes" }).click();
    await expect(page.getByTestId("tier-preview")).toContainText("Seats: 10 → 40");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(`Tier ${tier.name} saved.`)).toBeVisible();
  });

  test("the timeline shows the history from the audit log", async () => {
    // Events reach the audit service through the outbox, so allow the relay a moment.
    await expect(async () => {
      await page.goto(`/licenses/${licenseId}`);
      await expect(page.getByTestId("license-timeline")).toContainText(`${firstAdmin.name} suspended license`, { timeout: 2000 });
    }).toPass({ timeout: 30_000 });
    const timeline = page.getByTestId("license-timeline");
    await expect(timeline).toContainText(`${firstAdmin.name} reinstated license`);
    // Names, not ids: the tier change names both tiers, and no tier id is shown.
    await expect(timeline).toContainText(`changed the tier of license Reporting for`);
    await expect(timeline).toContainText(`from ${tier.name} to Standard`);
    await expect(timeline).toContainText(/Status:\s*suspended → active/);
    expect(await timeline.textContent()).not.toMatch(/tier_[A-Za-z0-9]/);
  });

  test("a tenant administrator of another tenant, invited by link, cannot see the license", async ({ browser }) => {
    const otherTenantId = await createTenant(page, company);
    await page.getByRole("button", { name: "Invite someone" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite someone" });
    await dialog.getByLabel("E-mail").fill(otherAdmin.email);
    await dialog.getByLabel("Role").selectOption({ label: "Tenant administrator" });
    await dialog.getByRole("button", { name: "Create invitation" }).click();
    const link = (await page.getByTestId("invite-link").textContent())!.trim();
    await page.getByRole("dialog", { name: "Invitation created" }).getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("table", { name: "Invitations" })).toContainText(otherAdmin.email);

    // The invitee, in a browser of their own.
    const invitee = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    const p = await invitee.newPage();
    await p.goto(new URL(link).pathname);
    await expect(p.getByRole("heading", { name: `Join ${company.name}` })).toBeVisible();
    await expectNoAccessibilityViolations(p);
    await p.getByLabel("Your name").fill(otherAdmin.name);
    await p.getByLabel("Password", { exact: true }).fill(otherAdmin.password);
    await p.getByLabel("Confirm password").fill(otherAdmin.password);
    await p.getByRole("button", { name: "Accept invitation" }).click();
    await expect(p).toHaveURL(/\/sign-in\?invitation=accepted/);
    await signIn(p, otherAdmin.email, otherAdmin.password);
    await expect(p.getByRole("heading", { level: 1, name: `Welcome, ${otherAdmin.name}` })).toBeVisible();

    await p.goto(`/licenses/${licenseId}`);
    await expect(p.getByRole("heading", { level: 1, name: "License not found" })).toBeVisible();
    await p.goto("/licenses");
    await p.getByLabel("Search licenses").fill(licenseId);
    await expect(p.getByText("No licenses found")).toBeVisible();
    // Their own tenant is there; no "New license" for a tenant administrator.
    await expect(p.getByRole("button", { name: "New license" })).toHaveCount(0);
    await p.goto(`/tenants/${otherTenantId}`);
    await expect(p.getByRole("heading", { level: 1, name: company.name })).toBeVisible();
    await invitee.close();

    // The used link now explains itself.
    const again = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    const q = await again.newPage();
    await q.goto(new URL(link).pathname);
    await expect(q.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
    await again.close();
  });

  test("revoke needs the license id typed, and is final", async () => {
    await page.goto(`/licenses/${licenseId}`);
    await page.getByRole("button", { name: "Revoke" }).click();
    await confirmByTyping(page, "Revoke this license?", "Revoke license", licenseId);
    await expect(page.getByText("License revoked.")).toBeVisible();
    await expect(page.locator('[data-status="revoked"]')).toBeVisible();
    await expect(page.getByRole("button", { name: "Reinstate" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Revoke" })).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
    expect(cspViolations).toEqual([]);
  });
});
