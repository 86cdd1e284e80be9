// One alert with its evidence, the baseline it broke and its responses, within the actor's tenant.
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, TransactionClient } from "../context";
import { alertNotFound } from "./alert-errors";
import { alertInclude, toAlertDto } from "./alert-dto";

export async function loadAlertOrThrow(db: AccessContext["prisma"] | TransactionClient, actor: Actor, id: string) {
  const row = await db.detectorAlert.findFirst({ where: { id, ...tenantScope(actor) }, include: alertInclude });
  if (!row) throw alertNotFound();
  return row;
}

export async function getAlert(ctx: AccessContext, actor: Actor, id: string) {
  return { alert: toAlertDto(await loadAlertOrThrow(ctx.prisma, actor, id)) };
}
