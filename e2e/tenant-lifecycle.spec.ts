// A tenant's licenses on its page, through a suspension and a reinstatement its tier's rules partly
// block: suspending the tenant suspends its license; while it is suspended the tier's token cap falls below
// the license's live tokens; reinstating the tenant says the license stays suspended, and the tenant's page
// keeps saying so afterwards, with the link that lists exactly the suspended licenses.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { createLicenseViaApi, postCreated } from "./license-fixtures";
import { expect, newFirstAdminPage, test } from "./support";

const run = randomBytes(3).toString("hex");

async function confirmIn(p: Page, dialogName: string, button: string) {
  const dialog = p.getByRole("dialog", { name: dialogName });
  await dialog.getByRole("button", { name: button }).click();
  await expect(dialog).toBeHidden();
}

test("a reinstated tenant's page names the license its tier kept suspended and links to it", async ({ browser }) => {
  const page = await newFirstAdminPage(browser);
  const { licenseId, tenantId } = await createLicenseViaApi(page.request, "lifecycle", run);
  for (let i = 0; i < 3; i++) await postCreated(page.request, `/api/licenses/${licenseId}/tokens`, { name: `worker ${i}`, scopes: ["reports:read"] });

  await page.goto(`/tenants/${tenantId}`);
  const table = page.getByRole("table", { name: /^Licenses of .*, newest first$/ });
  await expect(table.getByRole("link", { name: licenseId })).toBeVisible();
  await expect(table.getByText("Active")).toBeVisible();
  await expect(page.getByRole("link", { name: "Open in the licenses table" })).toBeVisible();

  await page.getByRole("button", { name: "Suspend tenant" }).click();
  await confirmIn(page, "Suspend this tenant?", "Suspend tenant");
  await expect(page.getByText("Tenant suspended with 1 license.")).toBeVisible();
  await expect(table.getByText("Suspended")).toBeVisible();
  // While the tenant is suspended its page does not repeat what its status already says.
  await expect(page.getByText(/licenses? (is|are) suspended$/)).toHaveCount(0);

  const tierId = ((await (await page.request.get(`/api/licenses/${licenseId}`)).json()) as { license: { tier: { id: string } } }).license.tier.id;
  expect((await page.request.patch(`/api/tiers/${tierId}`, { data: { tokensPerLicense: 2 } })).status()).toBe(200);

  await page.getByRole("button", { name: "Reinstate tenant" }).click();
  await confirmIn(page, "Reinstate this tenant?", "Reinstate tenant");
  await expect(page.getByText(new RegExp(`Tenant reinstated with 0 licenses; 1 stays suspended, its tier's rules block it: ${licenseId}`))).toBeVisible();

  await page.reload();
  const notice = page.getByRole("status").filter({ hasText: "1 license is suspended" });
  await expect(notice).toContainText("stays suspended until it is reinstated from its own page");
  await expectNoAccessibilityViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(notice.getByRole("link", { name: "List the suspended licenses" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await notice.getByRole("link", { name: "List the suspended licenses" }).click();
  await expect(page).toHaveURL(new RegExp(`/licenses\\?(?=.*tenant=${tenantId})(?=.*status=suspended)`));
  const listed = page.getByRole("table", { name: "Licenses" });
  await expect(listed.getByRole("link", { name: licenseId })).toBeVisible();
  await expect(listed.getByRole("row")).toHaveCount(2);
  await page.context().close();
});
