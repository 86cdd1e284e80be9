// Adds a scope to a component (platform administrators). The key must be "<component key>:<action>".
import type { CreateScopeInput } from "../../../../contracts/catalogue-api";
import { AppError } from "../../../common/http/app-error";
import type { Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { toScopeDto } from "./catalogue-dto";
import { personAuthor } from "./change-author";
import { insertScope } from "./insert-component";
import { isUniqueViolation } from "../../db/unique-violation";

export async function createScope(ctx: AccessContext, actor: Actor, componentId: string, input: CreateScopeInput, meta: RequestMeta) {
  try {
    const scope = await ctx.prisma.$transaction(async (tx) => {
      const component = await tx.component.findUnique({ where: { id: componentId }, select: { id: true, key: true, retiredAt: true } });
      if (!component) throw new AppError("not-found", "No such component.");
      if (component.retiredAt) throw new AppError("conflict", "The component is retired: it takes no new scopes.", { reason: "component-retired" });
      return insertScope(tx, component, input, personAuthor(actor, meta));
    });
    return { scope: toScopeDto(scope) };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "That scope key was just taken.", { fieldErrors: { key: ["This key is taken."] } });
    throw error;
  }
}
