// Creates a service tier (platform administrators).
import type { CreateTierInput } from "../../../../contracts/catalogue-api";
import { AppError } from "../../../common/http/app-error";
import type { Actor } from "../actors/actor";
import { personAuthor } from "../catalogue/change-author";
import { isUniqueViolation } from "../../db/unique-violation";
import type { AccessContext, RequestMeta } from "../context";
import { insertTier } from "./insert-tier";
import { toTierDto } from "./tier-dto";

export async function createTier(ctx: AccessContext, actor: Actor, input: CreateTierInput, meta: RequestMeta) {
  try {
    const tier = await ctx.prisma.$transaction((tx) => insertTier(tx, input, personAuthor(actor, meta)));
    return { tier: toTierDto(tier, 0) };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "That tier key was just taken.", { fieldErrors: { key: ["This key is taken."] } });
    throw error;
  }
}
