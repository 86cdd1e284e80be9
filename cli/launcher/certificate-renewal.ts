// `tessera start`'s certificate upkeep while the system runs: every half hour it renews what is past half its
// life (the processes load the new files within a second), revokes what that replaced after a grace, and
// leaves an identity an operator revoked shunned, saying so once, with the commands that re-admit it.
import type { HomeLayout } from "../home";
import { deliverOperatorEvents } from "../operator-events/operator-events";
import { describeShunned, ensurePki, renewalGraceMs } from "./ensure-pki";

/** Certificates live 24 hours and are renewed past half of that: a round every half hour leaves ample room. */
export const renewalIntervalMs = 30 * 60_000;

export type RenewalLog = { info(line: string): void; error(line: string): void };
type System = { layout: HomeLayout; accessUrl: string; certificateHosts: string[] };

/** One round of upkeep. `reported`: the serials already said to be shunned, so that each is said once. */
export async function renewCertificates(system: System, log: RenewalLog, reported: Set<string>, graceMs = renewalGraceMs): Promise<void> {
  const { issued, revoked, shunned } = await ensurePki(system.layout.pki, system.certificateHosts, { graceMs });
  if (issued.length) log.info(`[pki] renewed certificates: ${issued.map((c) => `${c.identity} (${c.usage})`).join(", ")}`);
  if (revoked.length) log.info(`[pki] revoked the certificates they replaced: ${revoked.map((e) => e.serial).join(", ")}`);
  const unreported = shunned.filter((c) => !reported.has(c.serial));
  for (const line of describeShunned(unreported, system.certificateHosts, "the running processes load the new certificate within a second, no restart needed")) log.error(`[pki] ${line}`);
  for (const c of unreported) reported.add(c.serial);
  if (issued.length || revoked.length) await deliverOperatorEvents(system.layout, system.accessUrl).catch(() => 0);
}

/** Runs a round every renewalIntervalMs; returns a stop function. */
export function startCertificateRenewal(system: System, log: RenewalLog): () => void {
  const reported = new Set<string>();
  const timer = setInterval(() => {
    renewCertificates(system, log, reported).catch((e: Error) => log.error(`[pki] renewal failed: ${e.message}`));
  }, renewalIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
