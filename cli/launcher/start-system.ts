// Brings up the three processes — audit, access, web — on this machine, from one data folder,
// each with only the configuration its trust zone may hold, and keeps them up (child-process.ts). Used by `tessera start` and by the e2e tests.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { homeLayout, repoRoot, type HomeLayout } from "../home";
import { startChild, type Child } from "./child-process";
import { describeShunned, ensurePki } from "./ensure-pki";
import { accessEnv, auditEnv, webEnv } from "./process-env";
import { freePort, portIsFree } from "./free-port";
import { deliverOperatorEvents } from "../operator-events/operator-events";
import { accessNeedsSetup, serviceIsReady, type ProbedService } from "./probe-services";

export type SystemOptions = {
  home: string;
  host?: string;
  /** 0 picks a free port. */
  ports?: { web?: number; access?: number; audit?: number };
  accessDatabaseUrl?: string;
  auditDatabaseUrl?: string;
  echo?: boolean;
  /** The operator's settings (`tessera start` passes its environment): each process gets those it declares (process-settings.ts). */
  settings?: Record<string, string | undefined>;
  /** The web tier's public URL when a proxy serves it under another (default: its own address). */
  publicUrl?: string;
  /** Extra settings for the access service (e.g. short session timeouts in tests). */
  accessEnv?: Record<string, string>;
};

export type RunningSystem = {
  webUrl: string;
  accessUrl: string;
  auditUrl: string;
  setupLink: string | null;
  /** When the setup link stops working (the access service's SETUP_LINK_MINUTES after its start). */
  setupLinkExpiresAt: string | null;
  layout: HomeLayout;
  /** The names besides localhost that the services' certificates carry (renewal keeps them). */
  certificateHosts: string[];
  children: Child[];
  stop(): Promise<void>;
};

export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const layout = homeLayout(path.resolve(options.home));
  const host = options.host ?? "127.0.0.1";
  const port = async (p: number | undefined, fallback: number) => (p === 0 ? freePort(host) : (p ?? fallback));
  const ports = { web: await port(options.ports?.web, 3000), access: await port(options.ports?.access, 7443), audit: await port(options.ports?.audit, 7444) };
  const urls = { web: `http://${host}:${ports.web}`, access: `https://${host}:${ports.access}`, audit: `https://${host}:${ports.audit}` };
  const publicUrl = options.publicUrl ?? urls.web;
  for (const [name, p] of Object.entries(ports)) {
    if (!(await portIsFree(host, p))) throw new Error(`${name} port ${p} on ${host} is in use (is Tessera already running?); set ${name.toUpperCase()}_PORT to another port`);
  }
  const logs = path.join(layout.home, "logs");
  for (const dir of [layout.home, layout.accessDir, layout.auditDir, layout.webDir, logs]) await fsp.mkdir(dir, { recursive: true, mode: 0o700 });

  const certificateHosts = host === "127.0.0.1" || host === "localhost" ? [] : [host];
  // An identity an operator revoked stays shunned: starting would mean issuing it a new certificate.
  const { shunned } = await ensurePki(layout.pki, certificateHosts);
  if (shunned.length) throw new Error(`not starting. ${describeShunned(shunned, certificateHosts, "then run `tessera start` again").join(" ")}`);
  const sessionSecret = await loadOrCreateSessionSecret(layout.sessionSecretFile);
  await buildWebIfMissing(options.echo ?? false);

  const children: Child[] = [];
  const stop = async () => {
    for (const child of [...children].reverse()) await child.stop();
  };
  const common = { cwd: repoRoot, echo: options.echo ?? false };
  const exitWithParent = ["--require", path.join(repoRoot, "cli/launcher/exit-with-parent.cjs")];
  const tsx = (entry: string) => [...exitWithParent, "--import", "tsx", entry];

  try {
    children.push(
      startChild({
        ...common,
        name: "audit",
        args: tsx("services/audit/main.ts"),
        logFile: path.join(logs, "audit.log"),
        env: auditEnv(layout, { host, port: ports.audit, databaseUrl: options.auditDatabaseUrl, settings: options.settings }),
      }),
    );
    await waitForService(children[0], urls.audit, "audit", layout);

    let setupLink: string | null = null;
    let setupLinkExpiresAt: string | null = null;
    children.push(
      startChild({
        ...common,
        name: "access",
        args: tsx("services/access/main.ts"),
        logFile: path.join(logs, "access.log"),
        env: accessEnv(layout, { host, port: ports.access, databaseUrl: options.accessDatabaseUrl, auditUrl: urls.audit, publicUrl, settings: options.settings, extra: options.accessEnv }),
        onLine: (line) => {
          const match = /"setupUrl":"([^"]+)"/.exec(line);
          if (match) setupLink = match[1];
          const expires = /"expiresAt":"([^"]+)"/.exec(line);
          if (match && expires) setupLinkExpiresAt = expires[1];
        },
      }),
    );
    await waitForService(children[1], urls.access, "access", layout);
    await deliverOperatorEvents(layout, urls.access).catch(() => 0);

    children.push(
      startChild({
        ...common,
        name: "web",
        // `next start` plus the TCP peer of each request (lib/web-server/serve-web.mjs says why).
        args: [...exitWithParent, path.join(repoRoot, "lib/web-server/serve-web.mjs"), "-H", host, "-p", String(ports.web)],
        logFile: path.join(logs, "web.log"),
        env: webEnv(layout, { accessUrl: urls.access, publicUrl, sessionSecret, settings: options.settings }),
      }),
    );
    await waitForHttp(children[2], `${urls.web}/healthz`);
    // The setup link is logged right after the access service starts listening.
    const deadline = Date.now() + 5000;
    while (!setupLink && Date.now() < deadline && (await accessNeedsSetup(urls.access, layout))) await sleep(100);
    // All three came up: from now on one that crashes is restarted, and the others keep serving.
    for (const child of children) child.supervise();
    return { webUrl: urls.web, accessUrl: urls.access, auditUrl: urls.audit, setupLink, setupLinkExpiresAt, layout, certificateHosts, children, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function loadOrCreateSessionSecret(file: string): Promise<string> {
  if (!fs.existsSync(file)) await fsp.writeFile(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  return (await fsp.readFile(file, "utf8")).trim();
}

async function buildWebIfMissing(echo: boolean) {
  if (fs.existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) return;
  if (echo) console.log("[web] building the web tier (first start)…");
  const build = startChild({
    name: "build",
    args: [path.join(repoRoot, "node_modules/next/dist/bin/next"), "build"],
    cwd: repoRoot,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    logFile: path.join(repoRoot, ".next-build.log"),
    echo,
  });
  if ((await build.exited) !== 0) throw new Error("the web tier failed to build; see .next-build.log");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(child: Child, what: string, probe: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = "";
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited with code ${child.process.exitCode}; see its log in the data folder's logs/`);
    const ready = await probe().catch((e: Error) => {
      lastProblem = e.message;
      return false;
    });
    if (ready) return;
    await sleep(150);
  }
  // The last refusal says why, e.g. that the server on the port is not the service expected.
  throw new Error(`${what} did not become ready in ${timeoutMs / 1000} s${lastProblem ? ` (last attempt: ${lastProblem})` : ""}`);
}

async function waitForService(child: Child, url: string, service: ProbedService, layout: HomeLayout) {
  await waitUntil(child, child.name, () => serviceIsReady(url, service, layout));
}

async function waitForHttp(child: Child, url: string) {
  await waitUntil(child, child.name, async () => (await fetch(url)).status < 500);
}
