// The Tokens area in the browser: every token across licenses, searched, filtered and revoked from its row;
// a platform administrator pastes a leaked token, lands on it and revokes it as leaked — the token never in
// an address, the history or the web and access logs, nor when pasted into a license's token search; a secret scanner's signed report reaches the access
// service through the public host. axe on the page; at 390 px the row actions stay inside the viewport.
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { request as playwrightRequest, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { createLicenseViaApi, postCreated } from "./license-fixtures";
import { completeFirstAdminSignIn, expect, firstAdmin, signIn, test } from "./support";

const run = Math.random().toString(16).slice(2, 8);
const names = { kept: `Area kept ${run}`, dropped: `Area dropped ${run}`, leaked: `Area leaked ${run}`, scanned: `Area scanned ${run}` };
const secrets: Record<string, string> = {};

let page: Page;
let licenseId = "";

async function createToken(name: string): Promise<string> {
  const r = await postCreated<{ secret: string }>(page.request, `/api/licenses/${licenseId}/tokens`, { name, scopes: ["reports:read"] });
  return r.secret;
}

function rowOf(name: string) {
  return page.getByRole("region", { name: "Tokens" }).getByRole("row").filter({ hasText: name });
}

test.describe.serial("the Tokens area", () => {
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
    page = await context.newPage();
    await page.goto("/sign-in");
    await signIn(page, firstAdmin.email, firstAdmin.password);
    await completeFirstAdminSignIn(page);
    ({ licenseId } = await createLicenseViaApi(page.request, "area", run));
    for (const [key, name] of Object.entries(names)) secrets[key] = await createToken(name);
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  test("search, filter by status and license, and revoke from a row", async () => {
    await page.goto("/tokens");
    await expect(page.getByRole("heading", { level: 1, name: "Tokens" })).toBeVisible();
    const area = page.getByTestId("tokens-area");
    await area.getByLabel("Search tokens").fill(`Area dropped ${run}`);
    await expect(rowOf(names.dropped)).toHaveCount(1);
    await expect(rowOf(names.kept)).toHaveCount(0);
    // By prefix, as lists show it.
    await area.getByLabel("Search tokens").fill(secrets.kept!.slice(0, 12));
    await expect(rowOf(names.kept)).toHaveCount(1);
    await area.getByLabel("Search tokens").fill(run);
    await expect(rowOf("Area ")).toHaveCount(4);
    await area.getByLabel("Status").selectOption("revoked");
    await expect(page.getByText("No tokens found")).toBeVisible();
    await area.getByLabel("Status").selectOption("active");
    await area.getByLabel("License").fill(licenseId);
    await expect(rowOf("Area ")).toHaveCount(4);

    await rowOf(names.dropped).getByRole("button", { name: `Revoke ${names.dropped}` }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke this token?" });
    await expect(dialog.getByLabel("No longer needed")).toBeChecked();
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(dialog).toBeHidden();
    await expect(rowOf(names.dropped)).toHaveCount(0); // filtered to active
    await area.getByLabel("Status").selectOption("revoked");
    await expect(rowOf(names.dropped)).toContainText("Revoked");
    await expectNoAccessibilityViolations(page);
  });

  test("a whole token typed into the search is not sent; the lookup is offered", async () => {
    await page.goto("/tokens");
    // The rows come from the browser's first fetch: once they show, the page is hydrated and a fill sticks.
    await expect(page.getByTestId("tokens-area").getByRole("row").nth(1)).toBeVisible();
    const asked: string[] = [];
    page.on("request", (r) => asked.push(r.url()));
    await page.getByTestId("tokens-area").getByLabel("Search tokens").fill(secrets.kept!);
    await expect(page.getByText("This looks like a whole token")).toBeVisible();
    expect(asked.join(" ")).not.toContain(secrets.kept!.slice(4));
    expect(page.url()).not.toContain(secrets.kept!.slice(4));
  });

  test("a whole token already in an address (a link someone made), or its body without tsr_, is taken out of it and not searched", async () => {
    for (const pasted of [secrets.kept!, secrets.kept!.slice(4)]) {
      const asked: string[] = [];
      page.on("request", (r) => asked.push(r.url()));
      await page.goto(`/tokens?q=${pasted}&status=active`);
      await expect(page.getByText("This looks like a whole token")).toBeVisible();
      await expect.poll(() => page.url()).not.toContain(pasted.slice(8));
      expect(page.url()).toContain("status=active");
      page.removeAllListeners("request");
      // The page's own fetches never carried it (the navigation itself did: that is the link's doing).
      expect(asked.filter((u) => u.includes("/api/")).join(" ")).not.toContain(pasted.slice(8));
    }
  });

  test("a whole token pasted into a license's token search is neither sent nor put in the address; the same warning shows", async () => {
    await page.goto(`/licenses/${licenseId}/tokens`);
    const section = page.getByTestId("tokens-section");
    const sectionRow = (name: string) => section.getByRole("row").filter({ hasText: name });
    await expect(sectionRow(names.kept)).toHaveCount(1);
    const asked: string[] = [];
    const note = (r: { url(): string }) => asked.push(r.url());
    page.on("request", note);
    try {
      await section.getByLabel("Search tokens").fill(secrets.kept!);
      await section.getByLabel("Search tokens").press("Enter");
      await expect(section.getByTestId("whole-token-notice")).toContainText("This looks like a whole token");
      await expect(section.getByTestId("whole-token-notice").getByRole("link", { name: "Tokens page" })).toHaveAttribute("href", "/tokens");
      expect(page.url()).not.toContain(secrets.kept!.slice(4));
      expect(asked.join(" ")).not.toContain(secrets.kept!.slice(4));
      // A prefix is searched as before, and goes in the address.
      await section.getByLabel("Search tokens").fill(secrets.kept!.slice(0, 12));
      await expect(page).toHaveURL(new RegExp(`tokens\\.q=${secrets.kept!.slice(0, 12)}`));
      await expect(section.getByTestId("whole-token-notice")).toHaveCount(0);
      await expect(sectionRow(names.kept)).toHaveCount(1);
      await expect(sectionRow(names.leaked)).toHaveCount(0);
    } finally {
      page.off("request", note);
    }
  });

  test("a pasted leaked token: wrong checksum refused, then found and revoked as leaked in one step", async () => {
    await page.goto("/tokens");
    const lookup = page.getByTestId("leak-lookup");
    const leaked = secrets.leaked!;
    const mistyped = leaked.slice(0, 25) + (leaked[25] === "a" ? "b" : "a") + leaked.slice(26);
    await lookup.getByLabel("Token or prefix").fill(mistyped);
    await lookup.getByRole("button", { name: "Find token" }).click();
    await expect(lookup.getByText(/checksum does not match/)).toBeVisible();

    await lookup.getByLabel("Token or prefix").fill(leaked);
    await lookup.getByRole("button", { name: "Find token" }).click();
    const result = page.getByTestId("leak-lookup-result");
    await expect(result).toContainText("This token is Tessera's");
    await expect(result).toContainText(names.leaked);
    await expect(lookup.getByLabel("Token or prefix")).toHaveValue("");
    await expectNoAccessibilityViolations(page);

    await result.getByRole("button", { name: `Revoke ${names.leaked} as leaked` }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke this token?" });
    await expect(dialog.getByLabel("Leaked or exposed")).toBeChecked();
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(result).toContainText("Revoked");
    await expect(result.getByRole("button", { name: /as leaked/ })).toHaveCount(0);

    // The token page says why.
    await result.getByRole("link", { name: new RegExp(leaked.slice(0, 12)) }).click();
    await expect(page.getByTestId("token-revoked")).toContainText("Revoked because it leaked");
    // Never in an address or the history.
    const history = await page.evaluate(() => [location.href, document.referrer]);
    for (const url of history) expect(url).not.toContain(leaked.slice(4));
  });

  test("a secret scanner's signed report on the public host revokes a live token; unsigned or forged is refused", async () => {
    const key = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const keyIdentifier = `e2e-${run}`;
    await postCreated(page.request, "/api/secret-scanner-keys", { reporter: `E2E scanner ${run}`, keyIdentifier, publicKey: key.publicKey.export({ type: "spki", format: "pem" }) });
    const body = JSON.stringify([{ token: secrets.scanned, type: "tessera_token", url: "https://example.test/leak", source: "content" }]);
    const scanner = await playwrightRequest.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL }); // no cookies: from outside
    try {
      const unsigned = await scanner.post("/api/secret-scanning", { data: body, headers: { "content-type": "application/json" } });
      expect(unsigned.status()).toBe(401);
      const forged = await scanner.post("/api/secret-scanning", {
        data: body,
        headers: { "content-type": "application/json", "github-public-key-identifier": keyIdentifier, "github-public-key-signature": sign("sha256", Buffer.from(`${body} `), key.privateKey).toString("base64") },
      });
      expect(forged.status()).toBe(401);
      const signed = await scanner.post("/api/secret-scanning", {
        data: body,
        headers: { "content-type": "application/json", "github-public-key-identifier": keyIdentifier, "github-public-key-signature": sign("sha256", Buffer.from(body), key.privateKey).toString("base64") },
      });
      expect(signed.status(), await signed.text()).toBe(200);
      expect(await signed.json()).toEqual([{ token_hash: createHash("sha256").update(secrets.scanned!).digest("hex"), token_type: "tessera_token", label: "true_positive" }]);
      // Too large for the public host (refused before the access service is asked), and malformed but signed.
      const huge = "x".repeat(70 * 1024);
      const tooLarge = await scanner.post("/api/secret-scanning", {
        data: Buffer.from(huge),
        headers: { "content-type": "application/json", "github-public-key-identifier": keyIdentifier, "github-public-key-signature": sign("sha256", Buffer.from(huge), key.privateKey).toString("base64") },
      });
      expect(tooLarge.status()).toBe(413);
      const malformed = "[{";
      const bad = await scanner.post("/api/secret-scanning", {
        data: Buffer.from(malformed), // a Buffer: Playwright would quote a string that is not JSON
        headers: { "content-type": "application/json", "github-public-key-identifier": keyIdentifier, "github-public-key-signature": sign("sha256", Buffer.from(malformed), key.privateKey).toString("base64") },
      });
      expect(bad.status()).toBe(400);
      expect((await bad.json()).reason).toBe("malformed-report");
    } finally {
      await scanner.dispose();
    }
    await page.goto("/tokens");
    await page.getByTestId("tokens-area").getByLabel("Search tokens").fill(names.scanned);
    await expect(rowOf(names.scanned)).toContainText("Revoked");
  });

  test("no pasted or reported token reached the web or access logs", async () => {
    const home = process.env.TESSERA_E2E_HOME;
    test.skip(!home, "the system was started outside this run: its logs are not ours to read");
    for (const file of ["web.log", "access.log"]) {
      const log = await fs.readFile(path.join(home!, "logs", file), "utf8");
      expect(log.length, file).toBeGreaterThan(0);
      for (const secret of [secrets.leaked!, secrets.scanned!, secrets.kept!]) expect(log, file).not.toContain(secret.slice(4, 30));
    }
  });

  test("at 390 px the page fits and every row action is inside the viewport", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto("/tokens");
      await expect(page.getByTestId("tokens-area").getByRole("row").nth(1)).toBeVisible(); // hydrated
      await page.getByTestId("tokens-area").getByLabel("Search tokens").fill(names.kept);
      // Wait for the search to apply: until then the previous rows stay, dimmed while the next page loads,
      // and axe would judge the dimmed rows' contrast.
      const table = page.getByTestId("tokens-area").getByRole("region", { name: "Tokens", exact: true });
      await expect(table.getByRole("row").filter({ hasNotText: names.kept })).toHaveCount(1);
      await expect(table).not.toHaveAttribute("aria-busy", "true");
      const revoke = rowOf(names.kept).getByRole("button", { name: `Revoke ${names.kept}` });
      await revoke.scrollIntoViewIfNeeded();
      const box = await revoke.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectNoAccessibilityViolations(page);
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  });
});
