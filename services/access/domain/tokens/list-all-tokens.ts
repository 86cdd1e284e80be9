// Every token the actor may see across licenses (their tenant's; a platform administrator's: all), newest
// first in keyset pages, searchable and filtered like a license's list, plus license, tenant and expiry.
import type { ListAllTokensQuery, ListAllTokensResponse, TokenExpiryWindow } from "../../../../contracts/token-api";
import { listAllTokensQuery } from "../../../../contracts/token-api";
import type { Prisma } from "../../generated/prisma/client";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { newestFirstPage } from "../paging/newest-first-cursor";
import { pageAfter, searchWhere, statusWhere } from "./list-tokens";
import { toTokenListRows, tokenListSelect } from "./token-list-rows";

const windowHours: Record<TokenExpiryWindow, number> = { "24h": 24, "7d": 24 * 7, "30d": 24 * 30 };

function expiryWhere(window: TokenExpiryWindow | undefined, now: Date): Prisma.TokenWhereInput {
  if (!window) return {};
  return { revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + windowHours[window] * 3_600_000) } };
}

export async function listAllTokens(ctx: AccessContext, actor: Actor, query: ListAllTokensQuery): Promise<ListAllTokensResponse> {
  const selection = selectTokens(ctx, actor, query);
  const [page, total] = await Promise.all([pageOf(ctx, selection), ctx.prisma.token.count({ where: selection.where })]);
  return { ...page, total };
}

/** One page of the selection without its total: an export reads every page, and counting the whole selection each time made it O(pages × rows). */
export async function allTokensPage(ctx: AccessContext, actor: Actor, query: ListAllTokensQuery): Promise<Omit<ListAllTokensResponse, "total">> {
  return pageOf(ctx, selectTokens(ctx, actor, query));
}

type Selection = { where: Prisma.TokenWhereInput; cursor: string | undefined; limit: number; now: Date };

function selectTokens(ctx: AccessContext, actor: Actor, query: ListAllTokensQuery): Selection {
  const { search, status, licenseId, tenantId, expiresWithin, limit, cursor } = listAllTokensQuery.parse(query);
  const now = ctx.now();
  // The actor's scope is one condition among the others (AND), so a tenantId filter cannot widen it.
  const where: Prisma.TokenWhereInput = {
    AND: [
      tenantScope(actor),
      tenantId ? { tenantId } : {},
      licenseId ? { licenseId } : {},
      statusWhere(status, now),
      expiryWhere(expiresWithin, now),
      searchWhere(search),
    ],
  };
  return { where, cursor, limit, now };
}

async function pageOf(ctx: AccessContext, { where, cursor, limit, now }: Selection): Promise<Omit<ListAllTokensResponse, "total">> {
  const rows = await ctx.prisma.token.findMany({ where: pageAfter(where, cursor), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1, select: tokenListSelect });
  const { page, nextCursor } = newestFirstPage(rows, limit, (row) => row.createdAt);
  return {
    tokens: await toTokenListRows(ctx.prisma, page, now),
    nextCursor,
  };
}
