// Issue 9 §4 in the browser: a platform admin records a Colorado district's agreement (72-hour notice) on
// its tenant page, sees every district on /compliance, opens an incident, marks the Colorado and a New York
// district (whose 7 days from the discovery are already over: overdue, in red), edits the Colorado notice
// and records its delivery. The Colorado district's reviewer and admin then see their overview (agreement,
// licensed component linked to the trust page's inventory, the open incident with its clock), the incident
// with their district's part only and the delivered notice as PDF, and nothing of an incident that concerns
// the New York district alone. axe on every page; 390 px wide; print hides the navigation.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { joinAsMember, postCreated, type Member } from "./license-fixtures";
import { completeFirstAdminSignIn, expect, fillSetupForm, firstAdmin, setupPath, signIn, test } from "./support";

const run = randomBytes(3).toString("hex");
const colorado = { name: `Boulder Valley ${run}`, slug: `boulder-${run}` };
const newYork = { name: `Albany City ${run}`, slug: `albany-${run}` };
const reviewer = { name: "Rita Reviewer", email: `rita-${run}@boulder.example`, password: "granite creek aspen meadow" };
const districtAdmin = { name: "Dan District", email: `dan-${run}@boulder.example`, password: "flatiron trail morning frost" };
const incidentTitle = `Misdirected export ${run}`;
const otherTitle = `Albany only ${run}`;

let admin: Page;
let reviewerPage: Page;
let districtAdminPage: Page;
let coId = "";
let nyId = "";
let incidentId = "";
let otherIncidentId = "";

const pad = (n: number) => String(n).padStart(2, "0");
/** A time `hours` from now as <input type="datetime-local"> wants it, in this machine's zone (the browser's). */
function localInput(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const join = (browser: Browser, tenantId: string, role: "district_reviewer" | "tenant_admin", person: Member): Promise<Page> => joinAsMember(browser, admin, tenantId, person, role);

async function expectFitsNarrowScreen(p: Page) {
  await p.setViewportSize({ width: 390, height: 844 });
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "horizontal overflow at 390 px").toBeLessThanOrEqual(0);
  await p.setViewportSize({ width: 1280, height: 800 });
}

test.describe.serial("incidents and the compliance overview in the browser", () => {
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    admin = await context.newPage();
    await admin.goto("/sign-in");
    await expect(admin.getByRole("heading", { name: "Sign in to Tessera" })).toBeVisible();
    const path = setupPath(); // run alone, without first-run.spec.ts: create the administrator first
    if (path && (await admin.getByText("Tessera is not set up yet").count()) > 0) {
      await admin.goto(path);
      await fillSetupForm(admin, firstAdmin);
      await expect(admin).toHaveURL(/\/sign-in\?setup=done/);
    }
    await signIn(admin, firstAdmin.email, firstAdmin.password);
    await completeFirstAdminSignIn(admin);

    ({ tenant: { id: coId } } = await postCreated<{ tenant: { id: string } }>(admin.request, "/api/tenants", { ...colorado, kind: "district", districtState: "CO" }));
    ({ tenant: { id: nyId } } = await postCreated<{ tenant: { id: string } }>(admin.request, "/api/tenants", { ...newYork, kind: "district", districtState: "NY" }));
    const components = (await (await admin.request.get("/api/components")).json()) as { components: { id: string; key: string }[] };
    const reports = components.components.find((c) => c.key === "reports")!;
    const { tier } = await postCreated<{ tier: { id: string } }>(admin.request, "/api/tiers", {
      key: `district-${run}`, name: `District ${run}`, seats: 5, tokensPerLicense: 10, requestsPerMinute: 600, tokenDefaultTtlHours: 24, tokenMaxTtlHours: 720, scopes: ["reports:read"],
    });
    await postCreated(admin.request, "/api/licenses", {
      tenantId: coId, componentId: reports.id, tierId: tier.id, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    });
    // An incident that concerns the New York district alone: the Colorado district's people must see nothing of it.
    ({ incident: { id: otherIncidentId } } = await postCreated<{ incident: { id: string } }>(admin.request, "/api/incidents", {
      title: otherTitle, summary: "A report was shared with the wrong school.", dataConcerned: "Attendance.", discoveredAt: new Date(Date.now() - 3_600_000).toISOString(),
    }));
    const marked = await admin.request.post(`/api/incidents/${otherIncidentId}/districts`, { data: { tenantId: nyId } });
    expect(marked.status()).toBe(200);
    reviewerPage = await join(browser, coId, "district_reviewer", reviewer);
    districtAdminPage = await join(browser, coId, "tenant_admin", districtAdmin);
  });
  test.afterAll(async () => {
    for (const p of [admin, reviewerPage, districtAdminPage]) await p?.context().close();
  });

  test("a platform admin records the district's agreement on its tenant page; bad dates are refused at their fields", async () => {
    await admin.goto(`/tenants/${coId}`);
    await expect(admin.getByRole("heading", { level: 2, name: "Student-data agreement" })).toBeVisible();
    await admin.getByRole("button", { name: "Edit agreement" }).click();
    const dialog = admin.getByRole("dialog", { name: "Student-data agreement" });
    await dialog.getByLabel("Kind").selectOption({ label: "SDPC National Data Privacy Agreement (NDPA)" });
    await dialog.getByLabel("Name or reference").fill("CO NDPA v1.0");
    await dialog.getByLabel("Signed on").fill("2025-06-01");
    await dialog.getByLabel("Takes effect").fill("2025-05-01");
    await dialog.getByLabel("Ends").fill("2028-06-30");
    await dialog.getByLabel("Exhibit E general offer adopted from").fill("Denver Public Schools, NDPA 2024-17");
    await dialog.getByLabel("Breach-notice period in hours").fill("72");
    await dialog.getByRole("button", { name: "Save agreement" }).click();
    await expect(dialog.getByLabel("Takes effect")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText("The agreement cannot take effect before it is signed.")).toBeVisible();
    await expectNoAccessibilityViolations(admin);
    await dialog.getByLabel("Takes effect").fill("2025-07-01");
    await dialog.getByRole("button", { name: "Save agreement" }).click();
    await expect(dialog).toBeHidden();
    await expect(admin.getByText("72 hours after it is determined to be a breach (the agreement)")).toBeVisible();
    await expect(admin.getByText("30 days after it is determined to be a breach (Colorado)")).toBeVisible();
    await expect(admin.getByText("Denver Public Schools, NDPA 2024-17")).toBeVisible();
    await expectNoAccessibilityViolations(admin);
  });

  test("a platform admin sees every district on /compliance and opens one", async () => {
    await admin.goto("/compliance");
    await expect(admin.getByRole("heading", { level: 1, name: "Compliance" })).toBeVisible();
    await admin.getByLabel("Search districts").fill(run);
    const table = admin.getByRole("table", { name: "School districts" });
    await expect(table.getByRole("link", { name: colorado.name })).toBeVisible();
    await expect(table.getByRole("link", { name: newYork.name })).toBeVisible();
    await expect(table.getByRole("row", { name: new RegExp(colorado.name) })).toContainText("SDPC National Data Privacy Agreement");
    // The sub-navigation shows this area's pages that exist; the incidents page is one of them.
    const sub = admin.getByRole("navigation", { name: "Compliance" });
    await expect(sub.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await expect(sub.getByRole("link", { name: "Incidents" })).toBeVisible();
    // No section links to a page that does not exist (yet): every link of the sub-navigation answers.
    for (const href of await sub.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))) {
      expect((await admin.request.get(href)).status(), href).toBe(200);
    }
    await expectNoAccessibilityViolations(admin);
    await expectFitsNarrowScreen(admin);
    await table.getByRole("link", { name: newYork.name }).click();
    await expect(admin.getByRole("heading", { level: 1, name: `Compliance: ${newYork.name}` })).toBeVisible();
    await expect(admin.getByText("No agreement recorded yet")).toBeVisible();
    await expect(admin.getByText("No licensed components")).toBeVisible();
    await expectNoAccessibilityViolations(admin);
  });

  test("a platform admin opens an incident, marks both districts, edits and delivers the Colorado notice; New York's is overdue", async () => {
    await admin.goto("/compliance/incidents");
    await admin.getByRole("button", { name: "Open incident" }).click();
    const dialog = admin.getByRole("dialog", { name: "Open an incident" });
    await dialog.getByLabel("Title").fill(incidentTitle);
    await dialog.getByLabel("What happened").fill("A scheduled export went to the wrong storage bucket.");
    await dialog.getByLabel("Data concerned").fill("Student names and grade levels.");
    await dialog.getByLabel("Discovered").fill(localInput(-8 * 24));
    await dialog.getByLabel("Determined to be a breach").fill(localInput(24)); // in the future: refused
    await dialog.getByRole("button", { name: "Open incident" }).click();
    await expect(dialog.getByText("The determination cannot lie in the future.")).toBeVisible();
    await expectNoAccessibilityViolations(admin);
    await dialog.getByLabel("Determined to be a breach").fill(localInput(-1));
    await dialog.getByRole("button", { name: "Open incident" }).click();
    await expect(admin.getByRole("heading", { level: 1, name: incidentTitle })).toBeVisible();
    incidentId = admin.url().split("/compliance/incidents/")[1];
    await expect(admin.getByText("No district marked yet")).toBeVisible();

    for (const name of [colorado.name, newYork.name]) {
      await admin.getByRole("button", { name: "Mark a district" }).click();
      const mark = admin.getByRole("dialog", { name: "Mark a district as concerned" });
      await mark.getByLabel("Find a district").fill(run);
      await mark.getByLabel("District", { exact: true }).selectOption({ label: name.startsWith("Boulder") ? `${name} (CO)` : `${name} (NY)` });
      await mark.getByRole("button", { name: "Mark district" }).click();
      await expect(mark).toBeHidden();
      await expect(admin.getByRole("heading", { level: 3, name: new RegExp(name) })).toBeVisible();
    }
    const ny = admin.getByRole("article", { name: new RegExp(newYork.name) });
    await expect(ny.getByText("Notice overdue")).toBeVisible();
    await expect(ny.getByText(/under 8 NYCRR 121\.10\(a\)/)).toBeVisible();
    const co = admin.getByRole("article", { name: new RegExp(colorado.name) });
    await expect(co.getByText("Notice due")).toBeVisible();
    await expect(co.getByText(/72 hours from the determination, under the agreement/)).toBeVisible();
    await expectNoAccessibilityViolations(admin);

    await co.getByRole("button", { name: "Edit notice" }).click();
    const notice = admin.getByRole("dialog", { name: `Notice to ${colorado.name}` });
    await expect(notice.getByLabel("What happened")).toHaveValue("A scheduled export went to the wrong storage bucket.");
    await notice.getByLabel("What we are doing").fill("We deleted the copy and rotated the export's credentials.");
    await notice.getByRole("button", { name: "Save notice" }).click();
    await expect(notice).toBeHidden();
    await expect(co.getByText("We deleted the copy and rotated the export's credentials.")).toBeVisible();

    await co.getByRole("button", { name: "Record delivery" }).click();
    const delivery = admin.getByRole("dialog", { name: `Delivery of the notice to ${colorado.name}` });
    await delivery.getByLabel("How").selectOption({ label: "E-mail" });
    await delivery.getByLabel("To whom").fill("Privacy officer, privacy@bvsd.example");
    await delivery.getByRole("button", { name: "Record delivery" }).click();
    await expect(delivery).toBeHidden();
    await expect(co.getByText("Notified in time")).toBeVisible();
    await expect(co.getByRole("button", { name: "Edit notice" })).toHaveCount(0);

    await admin.goto("/compliance/incidents");
    await expect(admin.getByText(/notices? (is|are) overdue/)).toBeVisible();
    await expectNoAccessibilityViolations(admin);
    await expectFitsNarrowScreen(admin);
  });

  test("the district's reviewer sees the overview: agreement, licensed component, the open incident with its clock", async () => {
    const p = reviewerPage;
    await p.goto("/compliance");
    await expect(p.getByRole("heading", { level: 1, name: `Compliance: ${colorado.name}` })).toBeVisible();
    await expect(p.getByText("CO NDPA v1.0")).toBeVisible();
    await expect(p.getByText("Denver Public Schools, NDPA 2024-17")).toBeVisible();
    await expect(p.getByRole("link", { name: "Data inventory of Reporting" })).toHaveAttribute("href", "/trust#data-reports");
    await expect(p.getByRole("link", { name: incidentTitle })).toBeVisible();
    await expect(p.getByText(otherTitle)).toHaveCount(0);
    await expect(p.getByRole("link", { name: "Edit the agreement on the tenant's page" })).toHaveCount(0);
    await expectNoAccessibilityViolations(p);
    await expectFitsNarrowScreen(p);
    await p.emulateMedia({ media: "print" });
    await expect(p.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expect(p.getByRole("navigation", { name: "Compliance" })).toBeHidden();
    await expect(p.getByRole("heading", { level: 2, name: "Student-data agreement" })).toBeVisible();
    await p.emulateMedia({ media: "screen" });
  });

  test("the reviewer sees the incident with their district's part and the delivered notice as PDF, and nothing of another district's", async () => {
    const p = reviewerPage;
    await p.goto(`/compliance/incidents/${incidentId}`);
    await expect(p.getByRole("heading", { level: 1, name: incidentTitle })).toBeVisible();
    await expect(p.getByRole("heading", { level: 3, name: new RegExp(colorado.name) })).toBeVisible();
    await expect(p.getByText(newYork.name)).toHaveCount(0);
    await expect(p.getByText("We deleted the copy and rotated the export's credentials.")).toBeVisible();
    await expect(p.getByRole("button", { name: "Edit incident" })).toHaveCount(0);
    await expect(p.getByRole("button", { name: "Mark a district" })).toHaveCount(0);
    await expectNoAccessibilityViolations(p);
    const download = p.waitForEvent("download");
    await p.getByRole("button", { name: "Download notice (PDF)" }).click();
    expect((await download).suggestedFilename()).toBe(`breach-notice-${incidentId}-${coId}.pdf`);

    await p.goto(`/compliance/incidents/${otherIncidentId}`);
    await expect(p.getByRole("heading", { level: 1, name: "Incident not found" })).toBeVisible();
    expect((await p.request.get(`/api/incidents/${otherIncidentId}`)).status()).toBe(404);
    expect((await p.request.get(`/api/incidents/${incidentId}/districts/${nyId}/notice-pdf`)).status()).toBe(404);
    expect((await p.request.get(`/api/compliance/districts/${nyId}`)).status()).toBe(404);
    expect((await p.request.post("/api/incidents", { data: { title: "x", summary: "x", dataConcerned: "x", discoveredAt: new Date().toISOString() } })).status()).toBe(403);
    await p.goto("/compliance/incidents");
    await expect(p.getByRole("link", { name: incidentTitle })).toBeVisible();
    await expect(p.getByText(otherTitle)).toHaveCount(0);
    await expect(p.getByRole("button", { name: "Open incident" })).toHaveCount(0);
    await expectNoAccessibilityViolations(p);
  });

  test("the district's admin sees the same overview and incidents, and may not act on incidents", async () => {
    const p = districtAdminPage;
    await p.goto("/compliance");
    await expect(p.getByRole("heading", { level: 1, name: `Compliance: ${colorado.name}` })).toBeVisible();
    await expect(p.getByRole("link", { name: incidentTitle })).toBeVisible();
    await expectNoAccessibilityViolations(p);
    await p.getByRole("navigation", { name: "Compliance" }).getByRole("link", { name: "Incidents" }).click();
    await expect(p.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
    await expect(p.getByRole("button", { name: "Open incident" })).toHaveCount(0);
    await p.goto(`/compliance/incidents/${incidentId}`);
    await expect(p.getByText(newYork.name)).toHaveCount(0);
    await expect(p.getByRole("button", { name: "Record delivery" })).toHaveCount(0);
    expect((await p.request.patch(`/api/incidents/${incidentId}`, { data: { status: "closed" } })).status()).toBe(403);
    expect((await p.request.put(`/api/tenants/${coId}/agreement`, { data: { kind: "state_terms", reference: "x" } })).status()).toBe(403);
    await expectNoAccessibilityViolations(p);
  });
});
