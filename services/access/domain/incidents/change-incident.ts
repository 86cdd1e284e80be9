// Opens an incident and edits its facts, or closes and reopens it (platform admins, incidents.write).
// The times are checked as they will be saved: discovery and determination not in the future, the
// determination not before the discovery. Each change is one audit event in the same transaction.
import type { z } from "zod";
import type { createIncidentRequest, updateIncidentRequest } from "../../../../contracts/incident-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { newId } from "../secrets/ids";
import { findIncidentOrThrow, incidentView } from "./get-incident";

/** Field messages for incident times that do not fit together or lie in the future. */
export function incidentTimeErrors(times: { discoveredAt: Date; determinedAt: Date | null }, now: Date): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (times.discoveredAt > now) errors.discoveredAt = ["The discovery cannot lie in the future."];
  if (times.determinedAt && times.determinedAt > now) errors.determinedAt = ["The determination cannot lie in the future."];
  else if (times.determinedAt && times.determinedAt < times.discoveredAt) errors.determinedAt = ["The determination cannot come before the discovery."];
  return errors;
}

function assertTimes(times: { discoveredAt: Date; determinedAt: Date | null }, now: Date) {
  const fieldErrors = incidentTimeErrors(times, now);
  if (Object.keys(fieldErrors).length) throw new AppError("validation-failed", "The incident's times do not fit together.", { fieldErrors });
}

export async function createIncident(ctx: AccessContext, actor: Actor, input: z.infer<typeof createIncidentRequest>, meta: RequestMeta) {
  const now = ctx.now();
  const times = { discoveredAt: new Date(input.discoveredAt), determinedAt: input.determinedAt ? new Date(input.determinedAt) : null };
  assertTimes(times, now);
  return ctx.prisma.$transaction(async (tx) => {
    const incident = await tx.incident.create({
      data: { id: newId("inc"), title: input.title, summary: input.summary, dataConcerned: input.dataConcerned, ...times, createdById: actor.userId },
    });
    await recordEvent(tx, {
      action: "incident.open",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "incident", id: incident.id },
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { title: incident.title, discoveredAt: times.discoveredAt.toISOString(), determinedAt: times.determinedAt?.toISOString() ?? null },
    });
    return incidentView(tx, actor, incident.id, now);
  });
}

export async function updateIncident(ctx: AccessContext, actor: Actor, id: string, input: z.infer<typeof updateIncidentRequest>, meta: RequestMeta) {
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM incidents WHERE id = ${id} FOR UPDATE`;
    const before = await findIncidentOrThrow(tx, actor, id);
    const times = {
      discoveredAt: input.discoveredAt ? new Date(input.discoveredAt) : before.discoveredAt,
      determinedAt: input.determinedAt === undefined ? before.determinedAt : input.determinedAt ? new Date(input.determinedAt) : null,
    };
    assertTimes(times, now);
    if (before.districts.some((d) => d.deliveredAt) && times.determinedAt === null) {
      throw new AppError("conflict", "A notice was delivered for this incident, so it stays determined to be a breach.", {
        fieldErrors: { determinedAt: ["Keep the determination: a notice was already delivered."] },
      });
    }
    const status = input.status ?? before.status;
    const after = {
      title: input.title ?? before.title,
      summary: input.summary ?? before.summary,
      dataConcerned: input.dataConcerned ?? before.dataConcerned,
      ...times,
      status,
      closedAt: status === "closed" ? (before.closedAt ?? now) : null,
    };
    const asText = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
    const keys = ["title", "summary", "dataConcerned", "discoveredAt", "determinedAt", "status"] as const;
    const changed = keys.filter((k) => asText(after[k]) !== asText(before[k]));
    if (!changed.length) return incidentView(tx, actor, id, now);
    await tx.incident.update({ where: { id }, data: after });
    const action = changed.includes("status") ? (status === "closed" ? "incident.close" : "incident.reopen") : "incident.update";
    await recordEvent(tx, {
      action,
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "incident", id },
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      // The long texts are named, not copied: the incident holds them, the event says they changed.
      data: {
        changed,
        before: Object.fromEntries(changed.filter((k) => k !== "summary" && k !== "dataConcerned").map((k) => [k, asText(before[k]) ?? null])),
        after: Object.fromEntries(changed.filter((k) => k !== "summary" && k !== "dataConcerned").map((k) => [k, asText(after[k]) ?? null])),
      },
    });
    return incidentView(tx, actor, id, now);
  });
}
