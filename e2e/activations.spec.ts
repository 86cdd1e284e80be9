// A license's activations in the browser: the panel explains itself while no seat is taken; once a
// component (its own certificate from the run's CA, over mTLS) activates two seats, the page lists them
// with fingerprint, name, first and last seen and "2 of 5 seats in use" (and how long a certificate bound to a seat lasts); a platform administrator releases
// one after a confirmation, and the component's validation with that fingerprint is then refused. Axe
// clean, and the Release button stays inside the viewport at 1366 and 390 px.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { componentClient, type ComponentClient } from "./component-identity";
import { createLicenseViaApi, postCreated } from "./license-fixtures";
import { expect, newFirstAdminPage, test } from "./support";

const run = randomBytes(3).toString("hex");
const identity = `seats-worker-${run}`;
let page: Page;
let licenseId = "";
let token = "";
let component: ComponentClient | null = null;

async function expectInViewport(p: Page, name: string) {
  const button = p.getByRole("button", { name });
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  const width = p.viewportSize()!.width;
  expect(box, name).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

test.describe.serial("a license's activations in the browser", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newFirstAdminPage(browser);
    ({ licenseId } = await createLicenseViaApi(page.request, "seats", run));
    const components = (await (await page.request.get("/api/components")).json()) as { components: { id: string; key: string }[] };
    const reports = components.components.find((c) => c.key === "reports")!;
    await postCreated(page.request, `/api/components/${reports.id}/resource-servers`, { identity });
    ({ secret: token } = await postCreated<{ secret: string }>(page.request, `/api/licenses/${licenseId}/tokens`, { name: "Seat agent", scopes: ["reports:read"] }));
    component = await componentClient(identity);
  });
  test.afterAll(async () => {
    await component?.close();
    await page?.context().close();
  });

  test("with no seat taken, the panel says how a component takes one", async () => {
    await page.goto(`/licenses/${licenseId}`);
    const panel = page.getByTestId("activations-section");
    await expect(panel.getByRole("heading", { level: 2, name: "Activations" })).toBeVisible();
    await expect(panel.getByText("No activations yet")).toBeVisible();
    await expect(panel.getByTestId("seats-in-use")).toHaveText(/0 of 5 seats in use/);
    await expectNoAccessibilityViolations(page);
  });

  test("seats a component takes are listed; release asks first, then frees the seat", async () => {
    test.skip(!component, "the system was started outside this run");
    for (const [fingerprint, name] of [[`laptop-${run}`, "Ada's laptop"], [`kiosk-${run}`, "Front desk kiosk"]]) {
      const res = await component!.json("POST", "/v1/activations", { token, fingerprint, name });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await page.goto(`/licenses/${licenseId}`);
    const table = page.getByRole("table", { name: "Activations" });
    await expect(table.getByText(`laptop-${run}`)).toBeVisible();
    await expect(table.getByText("Front desk kiosk")).toBeVisible();
    await expect(page.getByTestId("seats-in-use")).toHaveText(/2 of 5 seats in use/);
    // A certificate bound to a seat is offered with how long it lasts: as long as the seat, not the license.
    await expect(page.getByTestId("bound-certificate-lifetime")).toHaveText(/valid only until that seat would free itself \(its last heartbeat plus \d+ minutes\), not for the license's term/);
    await expectNoAccessibilityViolations(page);

    // A search narrows the table and is kept in the address; clearing it brings both back.
    const search = page.getByLabel("Search activations");
    await search.fill("kiosk");
    await expect(table.getByText(`laptop-${run}`)).toHaveCount(0);
    await expect(table.getByText(`kiosk-${run}`)).toBeVisible();
    await expect(page).toHaveURL(/activations\.q=kiosk/);
    await search.fill("");
    await expect(table.getByText(`laptop-${run}`)).toBeVisible();

    await page.setViewportSize({ width: 1366, height: 900 });
    await expectInViewport(page, "Release Ada's laptop");
    await page.setViewportSize({ width: 390, height: 844 });
    await expectInViewport(page, "Release Ada's laptop");
    await expectNoAccessibilityViolations(page);
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.getByRole("button", { name: "Release Ada's laptop" }).click();
    const dialog = page.getByRole("dialog", { name: "Release this seat?" });
    await expect(dialog).toContainText("loses its seat at once");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(table.getByText(`laptop-${run}`)).toBeVisible();
    await page.getByRole("button", { name: "Release Ada's laptop" }).click();
    await page.getByRole("dialog", { name: "Release this seat?" }).getByRole("button", { name: "Release seat" }).click();
    await expect(page.getByText("Seat released.")).toBeVisible();
    await expect(table.getByText(`laptop-${run}`)).toHaveCount(0);
    await expect(page.getByTestId("seats-in-use")).toHaveText(/1 of 5 seats in use/);
    const beat = await component!.json<{ reason?: string }>("POST", "/v1/activations/heartbeat", { token, fingerprint: `laptop-${run}` });
    expect([beat.status, beat.body.reason]).toEqual([404, "not-activated"]);
  });
});
