// Audit events of operator actions (PKI): journalled to a file first, so none is lost, then handed to
// the access service (which puts them in its outbox) whenever it is reachable with the operator's certificate.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { AuditEvent } from "../../contracts/audit-api";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { homeLayout, tesseraHome, type HomeLayout } from "../home";

const journalFile = (layout: HomeLayout) => path.join(layout.pki.dir, "pending-events.jsonl");

export async function recordOperatorEvent(action: string, target: AuditEvent["target"], data: Record<string, unknown>): Promise<void> {
  const layout = homeLayout(tesseraHome());
  const event: AuditEvent = {
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    action,
    outcome: "success",
    actor: { type: "operator", id: os.userInfo().username, label: "tessera cli" },
    target,
    tenantId: null,
    sourceIp: null,
    requestId: null,
    data,
  };
  await fs.appendFile(journalFile(layout), JSON.stringify(event) + "\n", { mode: 0o600 });
  await deliverOperatorEvents(layout).catch(() => 0);
}

/** Sends journalled events to the access service; what it cannot send stays journalled. Returns how many were sent. */
export async function deliverOperatorEvents(layout: HomeLayout, accessUrl = process.env.ACCESS_URL ?? "https://127.0.0.1:7443"): Promise<number> {
  const journal = journalFile(layout);
  const sending = `${journal}.${process.pid}.sending`;
  if (!(await fs.rename(journal, sending).then(() => true, () => false))) return 0;
  const lines = (await fs.readFile(sending, "utf8")).split("\n").filter(Boolean);
  try {
    const client = createMtlsClient(accessUrl, {
      ca: await fs.readFile(layout.pki.caCert),
      cert: await fs.readFile(layout.pki.cert("operator")),
      key: await fs.readFile(layout.pki.key("operator")),
    });
    try {
      const res = await client.json("POST", "/v1/operator/events", { events: lines.map((l) => JSON.parse(l)) });
      if (res.status !== 200) throw new Error(`access service answered ${res.status}`);
    } finally {
      await client.close();
    }
    await fs.rm(sending);
    return lines.length;
  } catch (e) {
    await fs.appendFile(journal, lines.join("\n") + "\n", { mode: 0o600 });
    await fs.rm(sending, { force: true });
    throw e;
  }
}
