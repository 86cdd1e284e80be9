// The service's sentence reaches the person: a conflict (suspending a license someone else suspended a
// moment ago) shows the access service's own sentence in the toast, never "Conflict"; a field refused by the
// service shows its message beside the field. And bad input never gets a 500 from the web tier: malformed
// percent-escapes, NUL characters, malformed ids (the same 404 as the service), `Origin: null`, unknown
// methods, and a seeded fuzz of every /api route. Runs after first-run.spec.ts (alphabetical, one worker).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import fc from "fast-check";
import { createLicenseViaApi } from "./license-fixtures";
import { expect, firstAdmin, newSignedInPage, test } from "./support";

const run = randomBytes(3).toString("hex");
let page: Page;
let licenseId = "";
let tenantId = "";

async function expectProblem(res: Awaited<ReturnType<APIRequestContext["get"]>>, status: number) {
  expect(res.status(), res.url()).toBe(status);
  expect(res.headers()["content-type"], res.url()).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { title: string; detail: string; fieldErrors?: Record<string, string[]>; reason?: string };
  expect(typeof body.detail).toBe("string");
  return body;
}

test.describe.serial("problems in the person's words", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newSignedInPage(browser, firstAdmin.email, firstAdmin.password);
    ({ licenseId, tenantId } = await createLicenseViaApi(page.request, "problems", run));
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  test("a conflict shows the access service's sentence in the toast", async () => {
    await page.goto(`/licenses/${licenseId}`);
    await expect(page.locator('[data-status="active"]')).toBeVisible();
    // Someone else suspends it meanwhile (the same API a second browser would use); this page still offers Suspend.
    expect((await page.request.post(`/api/licenses/${licenseId}/suspend`, { data: {} })).status()).toBe(200);
    await page.getByRole("button", { name: "Suspend" }).click();
    const dialog = page.getByRole("dialog", { name: "Suspend this license?" });
    await dialog.getByRole("button", { name: "Suspend license" }).click();
    const toast = page.getByTestId("toast-error");
    await expect(toast).toContainText("The license was not suspended.");
    await expect(toast).toContainText("This license is already suspended.");
    await expect(toast).not.toContainText("Conflict");
  });

  test("a field the service refuses shows its message beside the field", async () => {
    await page.goto(`/licenses/${licenseId}`);
    await page.getByRole("button", { name: "Renew or extend" }).click();
    const dialog = page.getByRole("dialog", { name: "Renew or extend" });
    await dialog.getByLabel("New end date").fill("2001-01-01");
    await dialog.getByRole("button", { name: "Renew license" }).click();
    await expect(dialog.getByLabel("New end date")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog).toContainText("Choose an end later than the current end and in the future.");
    const toast = page.getByTestId("toast-error");
    await expect(toast).toContainText("The license was not renewed.");
    await expect(toast).toContainText("The new end must be later than the current end and in the future.");
    await expect(toast).not.toContainText(/Invalid fields|Too small|expected/);
  });

  test("a NUL character is a field message, never a 500", async () => {
    const tenant = await expectProblem(await page.request.patch(`/api/tenants/${tenantId}`, { data: { name: "Problems\u0000 Co" } }), 422);
    expect(tenant).toMatchObject({ reason: "nul-character", fieldErrors: { name: ["Remove the invisible NUL character from this field."] } });
    const token = await expectProblem(await page.request.post(`/api/licenses/${licenseId}/tokens`, { data: { name: "a\u0000b", scopes: ["reports:read"] } }), 422);
    expect(token.fieldErrors).toHaveProperty("name");
  });

  test("a malformed id is 404 at the web tier, as at the service; a bad escape is 400", async () => {
    const malformed = await expectProblem(await page.request.get("/api/licenses/not-an-id"), 404);
    const unknown = await expectProblem(await page.request.get("/api/licenses/lic_doesnotexist"), 404);
    expect(malformed.title).toBe(unknown.title);
    await expectProblem(await page.request.get("/api/licenses/%ZZ"), 400);
    for (const path of ["/setup/%ZZ", "/invitations/%E0%A4%A", "/licenses/%"]) {
      const res = await page.request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(400);
      expect(await res.text()).toContain("a percent-escape in it is malformed");
    }
  });

  test("Origin: null and unknown methods are refused as 4xx", async () => {
    const nullOrigin = await page.request.post(`/api/licenses/${licenseId}/reinstate`, { data: {}, headers: { origin: "null" } });
    await expectProblem(nullOrigin, 403);
    for (const method of ["PROPFIND", "BREW", "PUT"]) {
      for (const path of ["/api/licenses", `/api/licenses/${licenseId}`, "/sign-in"]) {
        const res = await page.request.fetch(path, { method, maxRedirects: 0 });
        expect(res.status(), `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status(), `${method} ${path}`).toBeLessThan(500);
      }
    }
  });

  test("a seeded fuzz of every /api route: no 5xx, every 4xx a problem document", async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20_260_802);
    console.info(`problems.spec fuzz: seed ${seed}`);
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(25);
    const realIds = [licenseId, tenantId, "lic_nothere", "not-an-id", "%ZZ", "%00", "..%2F..", "ten_%00"];
    const junk = fc.oneof(
      fc.anything({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? "null"),
      fc.constantFrom("{not json", "", '{"name":"\\u0000"}', '{"scopes":["\\u0000"]}', JSON.stringify({ endsAt: "yesterday", tierId: "x" })),
      fc.dictionary(fc.constantFrom("name", "email", "slug", "scopes", "endsAt", "password", "role", "tierId", "graceHours"), fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.integer(), fc.constant(null))).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.constantFrom(...realIds), junk, fc.constantFrom("application/json", "text/plain"), async (route, id, body, contentType) => {
        const url = route.path.replace(/\[([^\]]+)\]/g, (_m, name: string) => (name === "action" ? "renew" : id));
        const res = await page.request.fetch(url, { method: route.method, headers: { "content-type": contentType }, data: route.method === "GET" ? undefined : body, maxRedirects: 0 });
        const where = `${route.method} ${url} ${body.slice(0, 200)}`;
        expect(res.status(), where).toBeLessThan(500);
        if (res.status() >= 400) expect(res.headers()["content-type"], where).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 150, seed, endOnFailure: true },
    );
  });
});

/** Every web-tier /api route and the methods it exports, from app/api (next-auth's own route left out). */
function apiRoutes(): { method: string; path: string }[] {
  const root = path.resolve(import.meta.dirname, "../app/api");
  const found: { method: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts" && !full.includes("[...")) {
        const source = fs.readFileSync(full, "utf8");
        const route = `/api/${path.relative(root, dir).split(path.sep).join("/")}`;
        for (const [, method] of source.matchAll(/export (?:const|async function) (GET|POST|PATCH|PUT|DELETE)\b/g)) found.push({ method, path: route });
      }
    }
  };
  walk(root);
  return found;
}
