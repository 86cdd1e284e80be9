// Resource servers on a component's page, as people manage them in the browser: a platform administrator
// opens the Reporting component from the catalogue, is refused a bad certificate identity next to its field,
// adds a component's identity — whose introspection of a Reporting token turns from inactive to active — and
// removes it after a confirmation, after which it is inactive again; a tenant member sees the list but no
// actions. Signs in as the administrator first-run.spec.ts created (or creates them, when this file runs
// alone); the tenant, tier, license and token are
// made through the web tier's own API routes. Serial: each step builds on the last.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { componentClient, introspectAs, type ComponentClient } from "./component-identity";
import { createLicenseViaApi, joinAsMember, postCreated } from "./license-fixtures";
import { expect, newFirstAdminPage, test } from "./support";

const run = randomBytes(3).toString("hex");
const identity = `reports-api-${run}`;
const member = { name: "Mary Jackson", email: `mary-${run}@example.test`, password: "wind tunnel sixty thousand horsepower" };

let page: Page;
let componentPath = "";
let tenantId = "";
let secret = "";
let component: ComponentClient | null = null;

const servers = (p: Page = page) => p.getByRole("table", { name: "Resource servers of Reporting" });

test.describe.serial("resource servers in the browser", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newFirstAdminPage(browser);
    let licenseId: string;
    ({ licenseId, tenantId } = await createLicenseViaApi(page.request, "servers", run));
    ({ secret } = await postCreated<{ secret: string }>(page.request, `/api/licenses/${licenseId}/tokens`, { name: `Probe ${run}`, scopes: ["reports:read"] }));
    component = await componentClient(identity);
  });
  test.afterAll(async () => {
    await component?.close();
    await page?.context().close();
  });

  test("the catalogue leads to the component's page, which lists its resource servers", async () => {
    await page.goto("/components");
    await page.getByRole("link", { name: "Reporting" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Reporting" })).toBeVisible();
    componentPath = new URL(page.url()).pathname;
    expect(componentPath).toMatch(/^\/components\/cmp_/);
    await expect(page.getByRole("heading", { level: 2, name: "Resource servers" })).toBeVisible();
    await expect(page.getByText(/Only these certificate identities may introspect/)).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test("a bad identity is refused at its field; a good one is added and its introspection answers", async () => {
    test.skip(!component, "the system was started outside this run");
    expect(await introspectAs(component!, secret)).toBe(false); // not (yet) a resource server of Reporting

    await page.getByRole("button", { name: "Add resource server" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a resource server to Reporting" });
    const field = dialog.getByLabel("Certificate identity");
    const error = dialog.locator("#resource-server-identity-error");
    await field.fill("Reports API");
    await dialog.getByRole("button", { name: "Add resource server" }).click();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(error).toContainText("lowercase letters, digits and dashes");
    await field.fill("web");
    await dialog.getByRole("button", { name: "Add resource server" }).click();
    await expect(error).toContainText("one of Tessera's own identities");
    await expectNoAccessibilityViolations(page);

    await field.fill(identity);
    await dialog.getByRole("button", { name: "Add resource server" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Resource server added to Reporting.")).toBeVisible();
    await expect(servers().getByRole("row", { name: new RegExp(identity) })).toHaveCount(1);
    await expect.poll(() => introspectAs(component!, secret)).toBe(true);

    // A second time: the service's conflict, at the same field.
    await page.getByRole("button", { name: "Add resource server" }).click();
    await dialog.getByLabel("Certificate identity").fill(identity);
    await dialog.getByRole("button", { name: "Add resource server" }).click();
    await expect(dialog.locator("#resource-server-identity-error")).toContainText("Already a resource server");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.reload();
    await expect(servers().getByRole("row", { name: new RegExp(identity) })).toHaveCount(1);
  });

  test("a tenant member sees the resource servers but none of the actions", async ({ browser }) => {
    test.skip(!component, "the system was started outside this run");
    const p = await joinAsMember(browser, page, tenantId, member);
    await p.goto(componentPath);
    await expect(servers(p).getByRole("row", { name: new RegExp(identity) })).toHaveCount(1);
    await expect(p.getByRole("button", { name: "Add resource server" })).toHaveCount(0);
    await expect(p.getByRole("button", { name: `Remove ${identity}` })).toHaveCount(0);
    await expect(servers(p).getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
    await p.context().close();
  });

  test("remove after a confirmation; the identity's introspection is inactive again", async () => {
    test.skip(!component, "the system was started outside this run");
    await page.goto(componentPath);
    await page.getByRole("button", { name: `Remove ${identity}` }).click();
    const dialog = page.getByRole("dialog", { name: "Remove this resource server?" });
    await expect(dialog).toContainText(`${identity} stops getting answers about Reporting's tokens and licenses`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(servers().getByRole("row", { name: new RegExp(identity) })).toHaveCount(1);

    await page.getByRole("button", { name: `Remove ${identity}` }).click();
    await dialog.getByRole("button", { name: "Remove resource server" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Resource server removed from Reporting.")).toBeVisible();
    await expect(servers().getByRole("row", { name: new RegExp(identity) })).toHaveCount(0);
    await expect.poll(() => introspectAs(component!, secret)).toBe(false);
  });
});
