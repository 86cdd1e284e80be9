// The districts an incident concerns and their notices (platform admins, incidents.write): marking a
// district fixes the notice rules in force for it and drafts its notice; the draft is edited until its
// delivery is recorded, after which it is what the district received and no longer changes.
import type { z } from "zod";
import { formatPeriod, noticeRulesFor } from "../../../../contracts/breach-notice";
import type { NoticeSections, markDistrictRequest, putNoticeRequest, recordDeliveryRequest } from "../../../../contracts/incident-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { findDistrictOrThrow } from "../agreements/get-agreement";
import { findIncidentOrThrow, incidentView } from "./get-incident";
import type { IncidentRow } from "./incident-dto";

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The first draft of a district's notice, under the usual headings, from the incident's facts. */
export function draftNotice(incident: Pick<IncidentRow, "summary" | "dataConcerned" | "discoveredAt" | "determinedAt">, district: { name: string }, contact: { name: string; email: string }): NoticeSections {
  const when = [`We discovered the incident on ${utc(incident.discoveredAt)}.`];
  when.push(incident.determinedAt ? `We determined on ${utc(incident.determinedAt)} that it is a breach of student data.` : "We have not yet determined whether it is a breach of student data.");
  return {
    whatHappened: incident.summary,
    when: when.join(" "),
    information: `For ${district.name}: ${incident.dataConcerned}`,
    whatWeAreDoing: "We contained the incident, are investigating its cause and extent, and will tell you what we learn. Every action we take is recorded in Tessera's audit log.",
    whatYouCanDo: "Review the record of disclosures for your district in Tessera's compliance pages, tell the families concerned as your policies and state law require, and contact us with any question.",
    contact: `${contact.name}, ${contact.email}`,
  };
}

async function lockIncident(tx: TransactionClient, actor: Actor, id: string) {
  await tx.$queryRaw`SELECT 1 FROM incidents WHERE id = ${id} FOR UPDATE`;
  return findIncidentOrThrow(tx, actor, id);
}

function districtOf(incident: IncidentRow, tenantId: string) {
  const district = incident.districts.find((d) => d.tenantId === tenantId);
  if (!district) throw new AppError("not-found", "This incident is not marked as concerning that district.", { reason: "incident-district-not-found" });
  return district;
}

export async function markDistrict(ctx: AccessContext, actor: Actor, id: string, input: z.infer<typeof markDistrictRequest>, meta: RequestMeta) {
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const incident = await lockIncident(tx, actor, id);
    if (incident.status === "closed") throw new AppError("conflict", "This incident is closed: reopen it to mark another district.", { reason: "incident-closed" });
    const tenant = await findDistrictOrThrow(tx, actor, input.tenantId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not-found") {
        throw new AppError("validation-failed", "Choose a school district.", { fieldErrors: { tenantId: ["Choose a school district: this tenant is not one."] } });
      }
      throw error;
    });
    if (incident.districts.some((d) => d.tenantId === tenant.id)) {
      throw new AppError("conflict", `${tenant.name} is already marked on this incident.`, { fieldErrors: { tenantId: ["Already marked."] }, reason: "district-already-marked" });
    }
    const agreement = await tx.districtAgreement.findUnique({ where: { tenantId: tenant.id } });
    const rules = noticeRulesFor({ state: tenant.districtState, agreementNoticeHours: agreement?.noticeHours ?? null });
    const notice = draftNotice(incident, tenant, actor);
    await tx.incidentDistrict.create({ data: { incidentId: id, tenantId: tenant.id, noticeRule: rules, notice, markedAt: now } });
    await recordEvent(tx, {
      action: "incident.district.mark",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "incident", id },
      tenantId: tenant.id,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { rules: rules.map((r) => `${formatPeriod(r.hours)} from ${r.from} (${r.source}${r.citation ? `, ${r.citation}` : ""})`) },
    });
    return incidentView(tx, actor, id, now);
  });
}

export async function putNotice(ctx: AccessContext, actor: Actor, id: string, tenantId: string, input: z.infer<typeof putNoticeRequest>, meta: RequestMeta) {
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const district = districtOf(await lockIncident(tx, actor, id), tenantId);
    if (district.deliveredAt) throw new AppError("conflict", "This notice was delivered, so it stays as the district received it.", { reason: "notice-delivered" });
    await tx.incidentDistrict.update({ where: { incidentId_tenantId: { incidentId: id, tenantId } }, data: { notice: input.notice } });
    await recordEvent(tx, {
      action: "incident.notice.update",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "incident", id },
      tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { sections: Object.keys(input.notice) },
    });
    return incidentView(tx, actor, id, now);
  });
}

export async function recordDelivery(ctx: AccessContext, actor: Actor, id: string, tenantId: string, input: z.infer<typeof recordDeliveryRequest>, meta: RequestMeta) {
  const now = ctx.now();
  const deliveredAt = new Date(input.deliveredAt);
  return ctx.prisma.$transaction(async (tx) => {
    const incident = await lockIncident(tx, actor, id);
    const district = districtOf(incident, tenantId);
    if (district.deliveredAt) throw new AppError("conflict", "The delivery of this notice is already recorded.", { reason: "notice-delivered" });
    if (!incident.determinedAt) {
      throw new AppError("conflict", "Record when the incident was determined to be a breach before recording the notice's delivery.", { reason: "incident-not-determined" });
    }
    const fieldErrors: Record<string, string[]> = {};
    if (deliveredAt > now) fieldErrors.deliveredAt = ["The delivery cannot lie in the future."];
    else if (deliveredAt < incident.discoveredAt) fieldErrors.deliveredAt = ["The notice cannot be delivered before the incident was discovered."];
    if (Object.keys(fieldErrors).length) throw new AppError("validation-failed", "The delivery's time does not fit the incident.", { fieldErrors });
    await tx.incidentDistrict.update({
      where: { incidentId_tenantId: { incidentId: id, tenantId } },
      data: { deliveredAt, deliveryMethod: input.method, deliveredTo: input.to, deliveredById: actor.userId },
    });
    await recordEvent(tx, {
      action: "incident.notice.deliver",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "incident", id },
      tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { deliveredAt: deliveredAt.toISOString(), method: input.method, to: input.to },
    });
    return incidentView(tx, actor, id, now);
  });
}
