// Adds a component to the catalogue (platform administrators).
import type { CreateComponentInput } from "../../../../contracts/catalogue-api";
import { AppError } from "../../../common/http/app-error";
import type { Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { toComponentDto } from "./catalogue-dto";
import { personAuthor } from "./change-author";
import { insertComponent } from "./insert-component";
import { isUniqueViolation } from "../../db/unique-violation";

export async function createComponent(ctx: AccessContext, actor: Actor, input: CreateComponentInput, meta: RequestMeta) {
  try {
    const component = await ctx.prisma.$transaction((tx) => insertComponent(tx, input, personAuthor(actor, meta)));
    return { component: toComponentDto({ ...component, scopes: [] }) };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "That component key was just taken.", { fieldErrors: { key: ["This key is taken."] } });
    throw error;
  }
}
