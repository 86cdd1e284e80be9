// Audit events of operator actions (PKI, keys, the launcher's renewals): journalled to a file in the data
// folder first, so none is lost, then handed to the access service (which puts them in its outbox) with the
// operator's certificate: at once by the command that made them if the service answers, and by the running
// launcher whenever the journal changes (cli/launcher/operator-event-delivery.ts). The only network client
// of cli/ besides the launcher's.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { serviceIdentities } from "../../contracts/identities";
import type { AuditEvent } from "../../contracts/audit-api";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { homeLayout, tesseraHome, type PkiFiles } from "../home";

export type OperatorAction = { action: string; target: AuditEvent["target"]; data: Record<string, unknown> };

/** Where the events are delivered when ACCESS_URL is not set: the launcher's default address. */
export const defaultAccessUrl = "https://127.0.0.1:7443";

/** Appends events to the journal (mode 0600); `label` says which tool acted ("tessera cli", "tessera start"). */
export async function journalOperatorEvents(files: PkiFiles, actions: OperatorAction[], label = "tessera cli"): Promise<void> {
  if (actions.length === 0) return;
  const lines = actions.map(({ action, target, data }) => {
    const event: AuditEvent = {
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
      action,
      outcome: "success",
      actor: { type: "operator", id: os.userInfo().username, label },
      target,
      tenantId: null,
      sourceIp: null,
      requestId: null,
      data,
    };
    return JSON.stringify(event) + "\n";
  });
  await fs.mkdir(files.dir, { recursive: true, mode: 0o700 });
  await fs.appendFile(files.journal, lines.join(""), { mode: 0o600 });
}

/** A CLI command's event: journalled, then delivered at once if the access service answers. */
export async function recordOperatorEvent(action: string, target: AuditEvent["target"], data: Record<string, unknown>): Promise<void> {
  await recordOperatorEvents([{ action, target, data }]);
}

export async function recordOperatorEvents(actions: OperatorAction[]): Promise<void> {
  const layout = homeLayout(tesseraHome());
  await journalOperatorEvents(layout.pki, actions);
  await deliverOperatorEvents(layout).catch(() => 0);
}

/** Sends journalled events to the access service; what it cannot send stays journalled. Returns how many were sent. */
export async function deliverOperatorEvents(layout: { pki: PkiFiles }, accessUrl = process.env.ACCESS_URL ?? defaultAccessUrl): Promise<number> {
  const files = layout.pki;
  await reclaimAbandonedBatches(files);
  const sending = `${files.journal}.${process.pid}.sending`;
  if (!(await fs.rename(files.journal, sending).then(() => true, () => false))) return 0;
  const lines = (await fs.readFile(sending, "utf8")).split("\n").filter(Boolean);
  try {
    const client = createMtlsClient(
      accessUrl,
      { ca: await fs.readFile(files.caCert), cert: await fs.readFile(files.cert("operator")), key: await fs.readFile(files.key("operator")), crl: await fs.readFile(files.crl).catch(() => undefined) },
      { serverIdentity: serviceIdentities.access, connections: 1 },
    );
    try {
      const res = await client.json("POST", "/v1/operator/events", { events: lines.map((l) => JSON.parse(l)) });
      if (res.status !== 200) throw new Error(`access service answered ${res.status}`);
    } finally {
      await client.close();
    }
    await fs.rm(sending);
    return lines.length;
  } catch (e) {
    await fs.appendFile(files.journal, lines.join("\n") + "\n", { mode: 0o600 });
    await fs.rm(sending, { force: true });
    throw e;
  }
}

/** A delivering process that died between taking the journal and putting it back leaves its batch behind: journal it again. */
async function reclaimAbandonedBatches(files: PkiFiles): Promise<void> {
  const prefix = `${path.basename(files.journal)}.`;
  for (const name of await fs.readdir(files.dir).catch(() => [])) {
    const pid = name.startsWith(prefix) && name.endsWith(".sending") ? Number(name.slice(prefix.length, -".sending".length)) : NaN;
    if (!Number.isInteger(pid) || pid === process.pid || processIsAlive(pid)) continue;
    const abandoned = path.join(files.dir, name);
    const text = await fs.readFile(abandoned, "utf8").catch(() => "");
    if (text.trim()) await fs.appendFile(files.journal, text.endsWith("\n") ? text : text + "\n", { mode: 0o600 });
    await fs.rm(abandoned, { force: true });
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
