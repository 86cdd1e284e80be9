// Every console table, as a person meets it: its state (search, filters, sort, page) is in the address, so
// Back and reload bring the same view back; its row actions stay reachable at 1366 px and at 390 px (each
// row's buttons inside the viewport, without scrolling the table sideways); its CSV export downloads the
// selection shown; axe finds nothing. A new table is one line in `tables` below.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { createLicenseViaApi, postCreated } from "./license-fixtures";
import { expect, newFirstAdminPage, test } from "./support";

const run = randomBytes(3).toString("hex");
let page: Page;
let licenseId = "";

/** Each table: the page it is on and its caption (the labelled region data-table.tsx draws). */
const tables = (): { path: string; caption: string }[] => [
  { path: "/licenses", caption: "Licenses" },
  { path: "/tenants", caption: "Tenants" },
  { path: `/licenses/${licenseId}/tokens`, caption: "Tokens" },
  { path: `/licenses/${licenseId}`, caption: "OAuth clients" },
  { path: "/tokens", caption: "Tokens" },
  { path: "/audit", caption: "Audit events" },
  { path: "/tiers", caption: "Service tiers" },
  { path: "/security", caption: "Your sessions" },
];

/**
 * Every action button of the table's rows is inside the viewport once the page is scrolled to its row: the page
 * scrolls up and down only, never the table sideways, so a button pushed off the right edge fails.
 */
async function expectRowActionsInViewport(p: Page, caption: string) {
  const region = p.locator(`[data-table="${caption}"]`);
  await expect(region, `the ${caption} table`).toBeVisible();
  // The row's actions: the cells data-table.tsx pins (the column keyed "actions"). Links and filter
  // shortcuts inside other cells (the audit log's "show only events by…") scroll with the table.
  const buttons = region.locator("tbody td[data-row-actions] button");
  const count = await buttons.count();
  const width = p.viewportSize()!.width;
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    await button.evaluate((el) => window.scrollTo(window.scrollX, el.getBoundingClientRect().top + window.scrollY - 120));
    const box = (await button.boundingBox())!;
    const name = (await button.getAttribute("aria-label")) ?? (await button.textContent());
    expect(box.x, `${caption}: "${name}" starts inside the ${width} px viewport`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${caption}: "${name}" ends inside the ${width} px viewport`).toBeLessThanOrEqual(width);
  }
  return count;
}

test.describe.serial("console tables", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newFirstAdminPage(browser);
    ({ licenseId } = await createLicenseViaApi(page.request, "tables", run));
    // Rows with actions in the tokens and OAuth clients tables, where Revoke used to sit off-screen.
    for (const name of [`Nightly export with a long descriptive name ${run}`, `CI ${run}`]) {
      await postCreated(page.request, `/api/licenses/${licenseId}/tokens`, { name, scopes: ["reports:read", "reports:write"] });
    }
    await postCreated(page.request, `/api/licenses/${licenseId}/oauth-clients`, { name: `Reports worker ${run}`, certIdentity: `tables-worker-${run}`, scopes: ["reports:read"] });
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  for (const width of [1366, 390]) {
    test(`every row action is inside the viewport at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      let withActions = 0;
      for (const table of tables()) {
        await page.goto(table.path);
        if ((await expectRowActionsInViewport(page, table.caption)) > 0) withActions++;
        // The page itself never scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${table.path} fits ${width} px`).toBe(true);
      }
      expect(withActions, "tables with row actions were checked").toBeGreaterThanOrEqual(3);
    });
  }

  test("the licenses table keeps its search, filter and sort through Back and reload", async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto("/licenses");
    await page.getByLabel("Status").selectOption("active");
    await expect(page).toHaveURL(/[?&]status=active/);
    await page.getByLabel("Search licenses").fill(`tables-co-${run}`);
    await page.getByLabel("Search licenses").press("Enter");
    await expect(page).toHaveURL(new RegExp(`[?&]q=tables-co-${run}`));
    await page.getByRole("button", { name: "Tenant" }).click();
    await expect(page).toHaveURL(/[?&]sort=tenant\.asc/);
    const table = page.getByRole("table", { name: "Licenses" });
    await expect(table.getByRole("link", { name: licenseId })).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await table.getByRole("link", { name: licenseId }).click();
    await expect(page).toHaveURL(new RegExp(`/licenses/${licenseId}$`));
    await page.goBack();
    await expect(page.getByLabel("Status")).toHaveValue("active");
    await expect(page.getByLabel("Search licenses")).toHaveValue(`tables-co-${run}`);
    await expect(page.getByRole("columnheader", { name: "Tenant" })).toHaveAttribute("aria-sort", "ascending");
    await expect(table.getByRole("link", { name: licenseId })).toBeVisible();

    await page.reload();
    await expect(page.getByLabel("Status")).toHaveValue("active");
    await expect(page.getByLabel("Search licenses")).toHaveValue(`tables-co-${run}`);
    await expect(page.getByRole("columnheader", { name: "Tenant" })).toHaveAttribute("aria-sort", "ascending");
  });

  test("the tokens table keeps its page size and page through Back; the export holds the selection", async () => {
    await page.goto(`/licenses/${licenseId}/tokens`);
    await page.getByLabel("Rows per page").selectOption("10");
    await expect(page).toHaveURL(/tokens\.limit=10/);
    await page.getByLabel("Search tokens").fill(`CI ${run}`);
    await page.getByLabel("Search tokens").press("Enter");
    await expect(page).toHaveURL(/tokens\.q=/);
    await expect(page.getByRole("table", { name: "Tokens" }).getByRole("row", { name: new RegExp(`CI ${run}`) })).toBeVisible();
    await page.goBack();
    await expect(page.getByLabel("Search tokens")).toHaveValue("");
    await expect(page.getByLabel("Rows per page")).toHaveValue("10");
    await page.goForward();
    await expect(page.getByLabel("Search tokens")).toHaveValue(`CI ${run}`);

    const download = await page.request.get(`/api/licenses/${licenseId}/tokens/export?search=${encodeURIComponent(`CI ${run}`)}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toMatch(/^text\/csv/);
    const csv = await download.text();
    expect(csv).toContain(`CI ${run}`);
    expect(csv).not.toContain("Nightly export");
    await expect(page.getByRole("link", { name: /Export CSV/ })).toHaveAttribute("href", /tokens\/export\?search=/);
    await expectNoAccessibilityViolations(page);
  });

  test("the tenants and audit pages pass axe with their state in the address", async () => {
    await page.goto(`/tenants?kind=company&q=tables-co-${run}`);
    await expect(page.getByLabel("Kind")).toHaveValue("company");
    await expect(page.getByRole("table", { name: "Tenants" }).getByRole("link", { name: new RegExp(`Tables Co ${run}`) })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.goto("/audit?action=token.create");
    await expect(page.getByLabel("Action")).toHaveValue("token.create");
    await expectNoAccessibilityViolations(page);
  });
});
