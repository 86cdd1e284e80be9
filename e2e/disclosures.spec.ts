// The record of disclosures across the whole path: a platform administrator sets up a district with a
// license of Reporting and a component that serves it; the district's token is created with its declared
// purpose; the component reports a disclosure over mTLS and introspects the token; then the district's
// reviewer finds the disclosure by the student's id in the browser, the district's admin sees the access
// with its purpose, and the platform administrator chooses the district and sees both — each page checked
// with axe, and the reviewer's at 390 px wide. Serial: each step builds on the last.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { componentClient, introspectAs, type ComponentClient } from "./component-identity";
import { joinAsMember, postCreated, type Member } from "./license-fixtures";
import { addAuthenticatorApp, completeFirstAdminSignIn, expect, fillSetupForm, firstAdmin, setupPath, signIn, test } from "./support";
import { authenticatorApp } from "./totp-clock";

const run = randomBytes(3).toString("hex");
const identity = `disclosures-api-${run}`;
const student = `stu-${run}`;
const purpose = `Attendance reports for principals ${run}`;
const districtName = `Lakeside District ${run}`;
const reviewer = { name: "Rita Reviewer", email: `rita-${run}@example.test`, password: "quiet harbour seventeen lanterns" };
const districtAdmin = { name: "Dan District", email: `dan-${run}@example.test`, password: "amber meadow ninety kites" };

let admin: Page;
let tenantId = "";
let licenseId = "";
let secret = "";
let component: ComponentClient | null = null;

const join = (browser: Browser, role: "district_reviewer" | "tenant_admin", person: Member): Promise<Page> => joinAsMember(browser, admin, tenantId, person, role);

/** Searches the record for the student until the line appears (the outbox relay delivers within seconds). */
async function findStudent(p: Page, text: string | RegExp) {
  await expect(async () => {
    await p.goto("/compliance/disclosures");
    await p.getByLabel("Who saw this student's records?").fill(student);
    await p.getByRole("button", { name: "Search" }).click();
    await expect(p.getByRole("heading", { name: `Who saw the records of student ${student}` })).toBeVisible();
    await expect(p.getByRole("table", { name: "Record of disclosures" }).getByText(text).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

test.describe.serial("the record of disclosures in the browser", () => {
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    admin = await context.newPage();
    await admin.goto("/sign-in");
    const path = setupPath();
    if (path && (await admin.getByText("Tessera is not set up yet").count()) > 0) {
      await admin.goto(path);
      await fillSetupForm(admin, firstAdmin);
      await expect(admin).toHaveURL(/\/sign-in\?setup=done/);
    }
    await signIn(admin, firstAdmin.email, firstAdmin.password);
    await completeFirstAdminSignIn(admin);
    const { tenant } = await postCreated<{ tenant: { id: string } }>(admin.request, "/api/tenants", { slug: `lakeside-${run}`, name: districtName, kind: "district", districtState: "CO" });
    tenantId = tenant.id;
    const components = (await (await admin.request.get("/api/components")).json()) as { components: { id: string; key: string }[] };
    const reports = components.components.find((c) => c.key === "reports")!;
    const { tier } = await postCreated<{ tier: { id: string } }>(admin.request, "/api/tiers", {
      key: `disclosures-${run}`, name: `Disclosures Testing ${run}`, seats: 5, tokensPerLicense: 10, requestsPerMinute: 600, tokenDefaultTtlHours: 24, tokenMaxTtlHours: 720, scopes: ["reports:read"],
    });
    const now = Date.now();
    ({ license: { id: licenseId } } = await postCreated<{ license: { id: string } }>(admin.request, "/api/licenses", {
      tenantId, componentId: reports.id, tierId: tier.id, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 365 * 86_400_000).toISOString(),
    }));
    await postCreated(admin.request, `/api/components/${reports.id}/resource-servers`, { identity });
    component = await componentClient(identity);
  });
  test.afterAll(async () => {
    await component?.close();
    await admin?.context().close();
  });

  test("a district's token must declare its purpose: the create dialog asks for it", async () => {
    await admin.goto(`/licenses/${licenseId}/tokens`);
    await expect(admin.getByRole("heading", { level: 2, name: "Tokens" })).toBeVisible();
    await admin.getByRole("button", { name: "New token" }).click();
    const dialog = admin.getByRole("dialog", { name: "New token" });
    await dialog.getByLabel("Name").fill(`Attendance ${run}`);
    await dialog.getByLabel("reports:read").check();
    const field = dialog.getByLabel("Legitimate interest");
    await expect(field).toHaveAttribute("required", "");
    await field.fill(purpose);
    await expectNoAccessibilityViolations(admin);
    await dialog.getByRole("button", { name: "Create token" }).click();
    secret = (await admin.getByRole("dialog", { name: "Token created" }).getByTestId("token-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^tsr_/);
  });

  test("a component reports a disclosure over mTLS and reads the token; the reviewer finds it by student id", async ({ browser }) => {
    test.skip(!component, "the system was started outside this run");
    const res = await component!.json<{ stored: number }>("POST", "/v1/disclosures", {
      disclosures: [{ id: `d-${run}`, party: `Northwind Tutoring ${run}`, legitimateInterest: "Tutoring under the district's agreement", category: "assessment results", studentIds: [student, "stu-other"], disclosedAt: new Date().toISOString(), licenseId }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.stored).toBe(1);
    expect(await introspectAs(component!, secret)).toBe(true);

    const p = await join(browser, "district_reviewer", reviewer);
    await findStudent(p, `Northwind Tutoring ${run}`);
    await expectNoAccessibilityViolations(p);
    await p.setViewportSize({ width: 390, height: 844 });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAccessibilityViolations(p);
    await p.context().close();
  });

  test("the district's admin sees the access through the token with its declared purpose, and can export", async ({ browser }) => {
    test.skip(!component, "the system was started outside this run");
    const p = await join(browser, "tenant_admin", districtAdmin);
    await expect(async () => {
      await p.goto("/compliance/disclosures");
      await expect(p.getByRole("table", { name: "Record of disclosures" }).getByText(purpose).first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(p.getByTestId("access-chart")).toBeVisible();
    await expectNoAccessibilityViolations(p);
    // Exporting asks for a fresh second factor: with a password alone it is refused; adding an app gives one.
    const refused = await p.request.get(`/api/disclosures/export?format=csv&studentId=${student}`);
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { reason?: string }).reason).toBe("second-factor-required");
    await p.goto("/security");
    await addAuthenticatorApp(p, "Work phone", (secret) => authenticatorApp(secret).nextCode(p));
    const csv = await p.request.get(`/api/disclosures/export?format=csv&studentId=${student}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(`Northwind Tutoring ${run}`);
    await p.context().close();
  });

  test("a platform administrator chooses the district and sees its record", async () => {
    await admin.goto("/compliance/disclosures");
    await expect(admin.getByRole("main").getByText("A district's record of disclosures appears here")).toBeVisible();
    await expectNoAccessibilityViolations(admin);
    await admin.getByLabel("District").selectOption({ label: districtName });
    await expect(admin.getByRole("table", { name: "Record of disclosures" }).getByText(`Northwind Tutoring ${run}`)).toBeVisible({ timeout: 15_000 });
    await expectNoAccessibilityViolations(admin);
  });
});
