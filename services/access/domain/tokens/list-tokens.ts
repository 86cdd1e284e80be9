// A license's tokens, newest first, in keyset pages, with search and status filters, plus the limits the
// create dialog needs. The license is found within the actor's tenant (404 otherwise), and so are its tokens.
import { likeEscape } from "../../../common/db/like-escape";
import { purposeRequired } from "../disclosures/declared-purpose";
import { z } from "zod";
import type { ListTokensQuery, ListTokensResponse, TokenStatus } from "../../../../contracts/token-api";
import { listTokensQuery } from "../../../../contracts/token-api";
import { AppError } from "../../../common/http/app-error";
import type { Prisma } from "../../generated/prisma/client";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { livePoolOf } from "./issue-token";
import { toTokenDtos, tokenSelect } from "./token-dto";
import { tokenPrefix } from "./token-format";
import { loadTokenLicense } from "./token-license";

const cursorShape = z.object({ t: z.iso.datetime(), i: z.string().max(64) });

export const encodeCursor = (createdAt: Date, id: string) => Buffer.from(JSON.stringify({ t: createdAt.toISOString(), i: id })).toString("base64url");

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const parsed = cursorShape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { createdAt: new Date(parsed.t), id: parsed.i };
  } catch {
    throw new AppError("validation-failed", "The page cursor is not valid; start from the first page.", { fieldErrors: { cursor: ["Not a valid cursor."] } });
  }
}

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
  const after = cursor ? decodeCursor(cursor) : null;
  return after ? { AND: [where, { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }] } : where;
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
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    tokens: await toTokenDtos(ctx.prisma, page, license, now),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
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
