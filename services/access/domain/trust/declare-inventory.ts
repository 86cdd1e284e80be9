// Publishes a new version of a component's data inventory (platform administrators, trust.write), audited.
// Versions are only added: the page shows the newest, and every older one stays readable.
import type { z } from "zod";
import type { declareInventoryRequest } from "../../../../contracts/trust-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { listInventories } from "./list-inventories";

export async function declareInventory(ctx: AccessContext, actor: Actor, componentId: string, input: z.output<typeof declareInventoryRequest>, meta: RequestMeta) {
  await ctx.prisma.$transaction(async (tx) => {
    const component = await tx.component.findUnique({ where: { id: componentId }, select: { id: true, key: true } });
    if (!component) throw new AppError("not-found", "No such component.");
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`tessera:inventory:${componentId}`}))`;
    const last = await tx.dataInventoryVersion.findFirst({ where: { componentId }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    await tx.dataInventoryVersion.create({ data: { componentId, version, elements: input.elements, note: input.note, createdById: actor.userId } });
    await recordEvent(tx, {
      action: "component.inventory_declare",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "component", id: componentId },
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { componentKey: component.key, version, elements: input.elements.length, note: input.note },
    });
  });
  const [inventory] = await listInventories(ctx, { id: componentId });
  return { inventory };
}
