// Renames and retires components and scopes (catalog.write). A rename changes what people read (a
// component's name and description, a scope's description), never a key: components and tokens name
// scopes by key. Retiring stops new use (no new license of a retired component, no tier newly granting a
// retired scope: create-license.ts, resolve-scope-ids.ts) while existing licenses, tiers and tokens keep
// working and show "retired". Each change locks its row, is audited with before and after, and a retire
// must be confirmed by typing the key.
import type { z } from "zod";
import type { renameComponentRequest, renameScopeRequest } from "../../../../contracts/catalogue-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { toComponentDto, toScopeDto } from "./catalogue-dto";

const componentMissing = () => new AppError("not-found", "No such component.");
const scopeMissing = () => new AppError("not-found", "No such scope.");
const alreadyRetired = (what: string) => new AppError("conflict", `The ${what} is already retired.`, { reason: "already-retired" });
const confirmMismatch = (key: string) => new AppError("validation-failed", "The request has invalid fields.", { fieldErrors: { confirmKey: [`Type ${key} exactly to confirm.`] } });

export async function renameComponent(ctx: AccessContext, actor: Actor, id: string, input: z.infer<typeof renameComponentRequest>, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "components" WHERE "id" = ${id} FOR UPDATE`;
    const before = await tx.component.findUnique({ where: { id }, select: { name: true, description: true } });
    if (!before) throw componentMissing();
    const after = { name: input.name ?? before.name, description: input.description ?? before.description };
    if (after.name !== before.name || after.description !== before.description) {
      await tx.component.update({ where: { id }, data: after, select: { id: true } });
      await audit(tx, actor, meta, "component.rename", { type: "component", id }, { from: before.name, to: after.name, descriptionChanged: after.description !== before.description });
    }
    return { component: toComponentDto(await tx.component.findUniqueOrThrow({ where: { id }, include: { scopes: true } })) };
  });
}

export async function renameScope(ctx: AccessContext, actor: Actor, id: string, input: z.infer<typeof renameScopeRequest>, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "scopes" WHERE "id" = ${id} FOR UPDATE`;
    const before = await tx.scope.findUnique({ where: { id } });
    if (!before) throw scopeMissing();
    if (input.description !== before.description) {
      await tx.scope.update({ where: { id }, data: { description: input.description }, select: { id: true } });
      await audit(tx, actor, meta, "scope.rename", { type: "scope", id }, { from: before.description, to: input.description });
    }
    return { scope: toScopeDto(await tx.scope.findUniqueOrThrow({ where: { id } })) };
  });
}

export async function retireComponent(ctx: AccessContext, actor: Actor, id: string, confirmKey: string, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "components" WHERE "id" = ${id} FOR UPDATE`;
    const component = await tx.component.findUnique({ where: { id }, select: { key: true, retiredAt: true } });
    if (!component) throw componentMissing();
    if (component.retiredAt) throw alreadyRetired("component");
    if (confirmKey !== component.key) throw confirmMismatch(component.key);
    const live = await tx.license.count({ where: { componentId: id, status: { in: ["active", "suspended"] } } });
    await tx.component.update({ where: { id }, data: { retiredAt: ctx.now() }, select: { id: true } });
    await audit(tx, actor, meta, "component.retire", { type: "component", id }, { key: component.key, liveLicenses: live });
    return { component: toComponentDto(await tx.component.findUniqueOrThrow({ where: { id }, include: { scopes: true } })) };
  });
}

export async function retireScope(ctx: AccessContext, actor: Actor, id: string, confirmKey: string, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "scopes" WHERE "id" = ${id} FOR UPDATE`;
    const scope = await tx.scope.findUnique({ where: { id }, select: { key: true, retiredAt: true } });
    if (!scope) throw scopeMissing();
    if (scope.retiredAt) throw alreadyRetired("scope");
    if (confirmKey !== scope.key) throw confirmMismatch(scope.key);
    const tiers = await tx.tierScope.count({ where: { scopeId: id } });
    await tx.scope.update({ where: { id }, data: { retiredAt: ctx.now() }, select: { id: true } });
    await audit(tx, actor, meta, "scope.retire", { type: "scope", id }, { key: scope.key, tiers });
    return { scope: toScopeDto(await tx.scope.findUniqueOrThrow({ where: { id } })) };
  });
}

async function audit(tx: TransactionClient, actor: Actor, meta: RequestMeta, action: string, target: { type: string; id: string }, data: Record<string, unknown>) {
  await recordEvent(tx, { action, outcome: "success", actor: auditActor(actor), target, tenantId: null, sourceIp: meta.sourceIp, requestId: meta.requestId, data });
}
