// `tessera start`: the whole system on this machine, on embedded databases unless URLs are set.
import { tesseraHome } from "../home";
import { startCertificateRenewal } from "./certificate-renewal";
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
  // Certificates live 24 hours: renewed past half their life, except those an operator revoked.
  const stopRenewal = startCertificateRenewal(system, { info: (line) => console.log(line), error: (line) => console.error(line) });
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      console.log("\nStopping web, access and audit…");
      stopDelivery();
      stopRenewal();
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
