// The Security alerts page: the first administrator signing in from a second browser (a new device to
// the detector) finds the alert through the Security page's link, with the chart, its evidence and the
// baseline it broke; a step-up response is recorded, a destructive one asks for confirmation first, and
// "not an anomaly" closes it. Filters that match nothing say so. axe finds nothing, at desktop width and
// at 390 px without the page scrolling sideways.
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { expect, newFirstAdminPage, test } from "./support";

let page: Page;

test.describe.serial("security alerts", () => {
  test.beforeAll(async ({ browser }) => {
    // Two browsers: the second sign-in, carrying no device cookie of the first, is from a new device.
    const first = await newFirstAdminPage(browser);
    await first.context().close();
    page = await newFirstAdminPage(browser);
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  test("the new-device alert, with its evidence and baseline, and its one-click actions", async () => {
    await page.goto("/security");
    await page.getByRole("link", { name: "Security alerts" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Security alerts" })).toBeVisible();
    // The detector takes its batch within a fraction of a second; the page shows it once it is there.
    const row = page.getByRole("table", { name: "Alerts", exact: true }).getByRole("row").filter({ hasText: "New device" }).first();
    await expect(async () => {
      await page.reload();
      await expect(row).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByTestId("alerts-chart")).toBeAttached();
    await row.getByRole("button", { name: /^Show alert/ }).click();
    const detail = page.getByTestId("alert-detail");
    await expect(detail.getByRole("heading", { name: /New device · person usr_/ })).toBeVisible();
    await expect(detail.getByText("The baseline it broke")).toBeVisible();
    await expect(detail.getByText("devices", { exact: true })).toBeVisible();

    // The administrator has no second factor: asking them for one is refused, saying what to do instead.
    await detail.getByRole("button", { name: "Require step-up" }).click();
    await expect(page.getByText(/has no second factor to confirm it is them with/)).toBeVisible();
    await expect(detail.getByText(/Require step-up:/)).toHaveCount(0);
    await page.getByRole("button", { name: "Dismiss notification" }).click();

    // A destructive response asks first; cancelled, nothing is recorded.
    await detail.getByRole("button", { name: "Suspend the license" }).click();
    const dialog = page.getByRole("dialog", { name: "Suspend the license?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(detail.getByText(/Suspend the license:/)).toHaveCount(0);

    await detail.getByRole("button", { name: "Not an anomaly" }).click();
    await expect(detail.getByText("not anomaly", { exact: true })).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test("filters that match nothing say so", async () => {
    await page.goto("/security/alerts?kind=enumeration&q=nothing-matches-this");
    await expect(page.getByText("No alert matches")).toBeVisible();
  });

  test("is readable at 390 px", async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto("/security/alerts");
    await expect(page.getByRole("heading", { level: 1, name: "Security alerts" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Alerts", exact: true }).getByRole("row").filter({ hasText: "New device" }).first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAccessibilityViolations(page);
    await page.setViewportSize({ width: 1280, height: 720 });
  });
});
