// One token's page, as far as the actor may see it: another tenant's token is simply not found.
import type { GetTokenResponse } from "../../../../contracts/token-api";
import { AppError } from "../../../common/http/app-error";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessPrisma } from "../../db/prisma";
import type { AccessContext, TransactionClient } from "../context";
import { toTokenDtos, tokenSelect } from "./token-dto";
import { loadTokenLicense } from "./token-license";

export const tokenNotFound = () => new AppError("not-found", "No such token.");

export async function loadTokenDto(db: AccessPrisma | TransactionClient, actor: Actor, id: string) {
  const row = await db.token.findFirst({ where: { id, ...tenantScope(actor) }, select: tokenSelect });
  if (!row) throw tokenNotFound();
  const license = await loadTokenLicense(db, actor, row.licenseId);
  const [token] = await toTokenDtos(db, [row], license);
  if (!token) throw tokenNotFound();
  return token;
}

export async function getToken(ctx: AccessContext, actor: Actor, id: string): Promise<GetTokenResponse> {
  return { token: await loadTokenDto(ctx.prisma, actor, id) };
}
