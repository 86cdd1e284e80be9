// Starts the whole system (audit, access, web) once for the run on fresh ports with a temporary data
// folder, or uses one already running (TESSERA_E2E_WEB_URL + TESSERA_E2E_SETUP_LINK). Addresses
// reach the tests through environment variables, which Playwright's workers inherit.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { startSystem } from "../cli/system/start-system";

export default async function globalSetup(_config: FullConfig): Promise<(() => Promise<void>) | void> {
  if (process.env.TESSERA_E2E_WEB_URL) return;

  const home = await fs.mkdtemp(path.join(os.tmpdir(), "tessera-e2e-"));
  const system = await startSystem({ home, ports: { web: 0, access: 0, audit: 0 } });
  process.env.TESSERA_E2E_WEB_URL = system.webUrl;
  process.env.TESSERA_E2E_SETUP_LINK = system.setupLink ?? "";
  process.env.TESSERA_E2E_WEB_PID = String(system.children.find((c) => c.name === "web")?.process.pid ?? "");
  // Playwright runs a function returned by globalSetup as the global teardown.
  return async () => {
    await system.stop();
    if (!process.env.TESSERA_E2E_KEEP_HOME) await fs.rm(home, { recursive: true, force: true });
  };
}
