// A license's history, read from the audit service by target (newest first), up to a bounded number
// of pages; each event as the audit log says it (its sentence, the person's name, the source address) and
// its details with names instead of ids.
import { listEventsResponse, type StoredEvent } from "../../../../contracts/audit-api";
import type { LicenseTimelineEvent } from "../../../../contracts/license-api";
import { AppError } from "../../../common/http/app-error";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { describeEvent } from "../audit-log/list-audit-log";
import { resolveNames, type Names } from "../audit-log/resolve-names";
import { licenseNotFound } from "./get-license";
import { timelineDetails } from "./timeline-details";

const pageSize = 200;
const maxPages = 10;
const unavailable = () => new AppError("unavailable", "The audit log cannot be read right now. Try again shortly.");

export async function licenseTimeline(ctx: AccessContext, actor: Actor, id: string): Promise<{ events: LicenseTimelineEvent[] }> {
  const license = await ctx.prisma.license.findFirst({ where: { id, ...tenantScope(actor) }, select: { id: true } });
  if (!license) throw licenseNotFound();
  const client = ctx.auditClient;
  if (!client) throw unavailable();

  const stored: StoredEvent[] = [];
  let beforeSeq: number | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const params = new URLSearchParams({ limit: String(pageSize), targetType: "license", targetId: license.id });
    if (beforeSeq !== null) params.set("beforeSeq", String(beforeSeq));
    const res = await client.json("GET", `/v1/events?${params}`).catch(() => null);
    const parsed = res && res.status === 200 ? listEventsResponse.safeParse(res.body) : null;
    if (!parsed?.success) throw unavailable();
    stored.push(...parsed.data.events);
    beforeSeq = parsed.data.nextBeforeSeq;
    if (beforeSeq === null) break;
  }
  const names = await resolveNames(ctx.prisma, stored);
  return { events: stored.map((e) => toTimelineEvent(e, names)) };
}

function toTimelineEvent(e: StoredEvent, names: Names): LicenseTimelineEvent {
  const described = describeEvent(e, names);
  return {
    id: e.id,
    occurredAt: e.occurredAt,
    action: e.action,
    outcome: e.outcome,
    sentence: described.sentence,
    actor: { ...e.actor, name: described.actor.name },
    sourceIp: e.sourceIp,
    data: e.data,
    details: timelineDetails(e.data, names),
  };
}
