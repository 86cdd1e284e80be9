// End-to-end tests in Debian's Chromium against the whole system (web, access, audit) on fresh ports and fresh PostgreSQL databases (e2e/global-setup.ts).
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The JSON report lets `npm test` count end-to-end results into its closing line.
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-results/e2e.json" }]],
  // The first run needs a deployment nobody has set up: it goes first, whatever the other files are named
  // (each of them creates the first administrator itself when it runs alone).
  projects: [
    { name: "first-run", testMatch: "first-run.spec.ts" },
    { name: "console", testIgnore: "first-run.spec.ts", dependencies: ["first-run"] },
  ],
  use: {
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
