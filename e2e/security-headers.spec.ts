// Pages carry a nonce CSP and the other security headers, and the page itself runs under it.
import { expect, test } from "./support";

test("sign-in page has a nonce CSP and runs without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  const response = await page.goto("/sign-in");
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["permissions-policy"]).toContain("camera=()");

  // The nonce differs per response, and the hydrated form works (so scripts ran under the CSP).
  const second = await page.request.get("/sign-in");
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  expect(violations).toEqual([]);
});

test("signed-out visitors are sent to sign-in", async ({ page }) => {
  await page.goto("/licenses");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Flicenses/);
});

test("an unknown setup link gets a clear page", async ({ page }) => {
  await page.goto("/setup/not-a-real-token");
  await expect(page.getByRole("heading", { name: "This setup link is not valid" })).toBeVisible();
});

test("health and readiness", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
});
