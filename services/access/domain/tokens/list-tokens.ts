// A license's tokens, newest first, in keyset pages, with search and status filters, plus the limits the
// create dialog needs. The license is found within the actor's tenant (404 otherwise), and so are its tokens.
import { likeEscape } from "../../../common/db/like-escape";
import { purposeRequired } from "../disclosures/declared-purpose";
import type { ListTokensQuery, ListTokensResponse, TokenStatus } from "../../../../contracts/token-api";
import { listTokensQuery } from "../../../../contracts/token-api";
import type { Prisma } from "../../generated/prisma/client";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { newestFirstAfter, newestFirstPage } from "../paging/newest-first-cursor";
import { livePoolOf } from "./issue-token";
import { toTokenDtos, tokenSelect } from "./token-dto";
import { tokenPrefix } from "./token-format";
import { loadTokenLicense } from "./token-license";

export function statusWhere(status: TokenStatus | undefined, now: Date): Prisma.TokenWhereInput {
  if (status === "revoked") return { revokedAt: { not: null } };
  if (status === "expired") return { revokedAt: null, expiresAt: { lte: now } };
  if (status === "active") return { revokedAt: null, expiresAt: { gt: now } };
  return {};
}

export function searchWhere(search: string | undefined): Prisma.TokenWhereInput {
  if (!search) return {};
  const prefix = search.startsWith(tokenPrefix) ? search : tokenPrefix + search;
  // Prisma passes contains/startsWith to LIKE unescaped: % and _ (the prefix's own) would be wildcards.
  return { OR: [{ name: { contains: likeEscape(search), mode: "insensitive" } }, { displayPrefix: { startsWith: likeEscape(prefix) } }] };
}

/** `where` narrowed to the tokens after the cursor's, newest first (createdAt, then id). */
export function pageAfter(where: Prisma.TokenWhereInput, cursor: string | undefined): Prisma.TokenWhereInput {
  return cursor ? { AND: [where, newestFirstAfter("createdAt", cursor)] } : where;
}

export async function listTokens(ctx: AccessContext, actor: Actor, licenseId: string, query: ListTokensQuery): Promise<ListTokensResponse> {
  const { search, status, limit, cursor } = listTokensQuery.parse(query);
  const license = await loadTokenLicense(ctx.prisma, actor, licenseId);
  const now = ctx.now();
  const where: Prisma.TokenWhereInput = { licenseId: license.id, ...tenantScope(actor), ...statusWhere(status, now), ...searchWhere(search) };
  const pageWhere = pageAfter(where, cursor);
  const [rows, total, liveTokens] = await Promise.all([
    ctx.prisma.token.findMany({ where: pageWhere, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1, select: tokenSelect }),
    ctx.prisma.token.count({ where }),
    ctx.prisma.token.count({ where: livePoolOf(license.id, "people", now) }),
  ]);
  const { page, nextCursor } = newestFirstPage(rows, limit, (row) => row.createdAt);
  return {
    tokens: await toTokenDtos(ctx.prisma, page, license, now),
    nextCursor,
    total,
    limits: {
      scopes: [...license.scopes],
      defaultTtlHours: Math.min(license.tier.tokenDefaultTtlHours, license.tier.tokenMaxTtlHours),
      maxTtlHours: license.tier.tokenMaxTtlHours,
      maxLiveTokens: license.tier.tokensPerLicense,
      liveTokens,
      purposeRequired: purposeRequired(license),
    },
  };
}
