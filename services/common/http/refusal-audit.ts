// Turns refusals (the connection guard's and the policy hook's, refusal-recorder.ts) into audit events
// ("authz.refuse": who — identity and person when known —, what — method and route —, from where, request
// id), at most one per caller, person, route and reason a minute, the next one carrying how many were
// suppressed. Each service supplies the durable write: the access service its outbox, the audit service
// its own chain.
import { randomUUID } from "node:crypto";
import type { AuditEvent } from "../../../contracts/audit-api";
import type { Refusal } from "./refusal-recorder";
import { createRepeatSuppressor, type RepeatSuppressorOptions } from "./repeat-suppressor";

export type RefusalAuditOptions = RepeatSuppressorOptions;

export function createRefusalAudit(service: string, write: (event: AuditEvent) => Promise<void>, options: RefusalAuditOptions = {}) {
  const suppressor = createRepeatSuppressor(options);
  const now = options.now ?? Date.now;
  return async function recordRefusal(refusal: Refusal): Promise<void> {
    const suppression = suppressor.admit([refusal.identity ?? "-", refusal.person?.id ?? "-", refusal.method, refusal.route, refusal.reason].join("|"));
    if (suppression === null) return;
    const caller = refusal.identity ?? "unidentified";
    await write({
      id: randomUUID(),
      occurredAt: new Date(now()).toISOString(),
      action: "authz.refuse",
      outcome: "failure",
      actor: refusal.person ? { type: "user", id: refusal.person.id, label: refusal.person.label } : { type: "service", id: caller, label: caller },
      target: { type: "endpoint", id: `${refusal.method} ${refusal.route}`.slice(0, 200) },
      tenantId: refusal.person?.tenantId ?? null,
      sourceIp: refusal.sourceIp,
      requestId: refusal.requestId,
      data: { service, caller, reason: refusal.reason, status: refusal.status, ...suppression },
    });
  };
}
