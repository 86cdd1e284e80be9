// `tessera start`: the whole system on this machine, on embedded databases unless URLs are set.
import { tesseraHome } from "../home";
import { ensurePki, renewalGraceMs } from "./ensure-pki";
import { deliverOperatorEvents } from "../operator-events/operator-events";
import { startOperatorEventDelivery } from "./operator-event-delivery";
import { startSystem } from "./start-system";

export async function run(): Promise<number> {
  const env = process.env;
  const num = (v: string | undefined) => (v ? Number(v) : undefined);
  const system = await startSystem({
    home: tesseraHome(),
    host: env.TESSERA_HOST,
    ports: { web: num(env.WEB_PORT), access: num(env.ACCESS_PORT), audit: num(env.AUDIT_PORT) },
    publicUrl: env.TESSERA_PUBLIC_URL,
    settings: env,
    echo: true,
  });
  console.log(`
Tessera is running (data folder ${system.layout.home})
  web     ${system.webUrl}
  access  ${system.accessUrl}   (mutual TLS)
  audit   ${system.auditUrl}   (mutual TLS)
${system.setupLink ? `\nNo administrator yet. Open this single-use link ${until(system.setupLinkExpiresAt)} to create one:\n  ${system.setupLink}\n` : ""}
Press Ctrl-C to stop.`);
  // PKI audit events (this launcher's and any `tessera pki`/`keys` command's) reach the access service
  // as soon as they are journalled.
  const stopDelivery = startOperatorEventDelivery(system.layout, system.accessUrl, (message) => console.error(`[pki] audit events wait in the journal: ${message}`));
  // Certificates live 24 hours: renew those past half their life; the processes pick up the new files
  // within a second, and the replaced certificates are revoked after a grace of renewalGraceMs.
  const renewal = setInterval(() => {
    ensurePki(system.layout.pki, [new URL(system.accessUrl).hostname], { graceMs: renewalGraceMs })
      .then(async ({ issued, revoked }) => {
        if (issued.length) console.log(`[pki] renewed certificates: ${issued.map((c) => `${c.identity} (${c.usage})`).join(", ")}`);
        if (revoked.length) console.log(`[pki] revoked the certificates they replaced: ${revoked.map((e) => e.serial).join(", ")}`);
        if (issued.length || revoked.length) await deliverOperatorEvents(system.layout, system.accessUrl).catch(() => 0);
      })
      .catch((e: Error) => console.error(`[pki] renewal failed: ${e.message}`));
  }, 30 * 60_000);
  renewal.unref();
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      console.log("\nStopping web, access and audit…");
      stopDelivery();
      void system.stop().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  return 0;
}

/** "before 14:05" in local time, from the link's expiry the access service logged. */
function until(expiresAt: string | null): string {
  const at = expiresAt ? new Date(expiresAt) : null;
  return at && !Number.isNaN(at.getTime()) ? `before ${at.toTimeString().slice(0, 5)}` : "soon";
}
