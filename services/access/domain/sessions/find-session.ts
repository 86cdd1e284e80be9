// Finds the session behind a bearer token the way introspection finds a token: a malformed or forged
// token (bad prefix, shape or checksum) is refused without a lookup; a found session's facts come from
// the per-process cache while the change feed is healthy, else from one query on the unique digest.
// A cached session that looks ended is re-read before anyone acts on it: its idle clock may be behind
// another process's (cache/session-cache.ts), and "alive" is the only answer the cache may give alone.
import type { CachedSession } from "../../cache/session-cache";
import type { AccessContext } from "../context";
import { digestCredential, isWellFormedCredential } from "../secrets/credential-format";
import { sessionEndReason } from "./session-lifetime";

export type FoundSession = CachedSession;

export function sessionEnd(ctx: AccessContext, session: FoundSession, now: Date): string | null {
  if (session.user.disabledAt && !session.endedAt) return "user-disabled";
  return sessionEndReason(ctx.settings, session, now);
}

export async function findSession(ctx: AccessContext, bearer: string | undefined, now: Date): Promise<FoundSession | undefined> {
  if (!bearer || !isWellFormedCredential("session", bearer)) return undefined;
  const digest = digestCredential(ctx.keys.secretDigest, "session", bearer);
  const cache = ctx.sessionCache;
  const cached = cache?.get(digest);
  if (cached && sessionEnd(ctx, cached, now) === null) return cached;
  const ticket = cache?.ticket() ?? null;
  const found = await loadSession(ctx, digest);
  if (found && cache && ticket !== null) cache.put(ticket, digest, found);
  return found;
}

async function loadSession(ctx: AccessContext, digest: string): Promise<FoundSession | undefined> {
  const row = await ctx.prisma.session.findUnique({
    where: { tokenDigest: digest },
    select: {
      id: true,
      expiresAt: true,
      endedAt: true,
      lastSeenAt: true,
      assuranceLevel: true,
      stepUpDemandedAt: true,
      secondFactorKind: true,
      user: { select: { id: true, name: true, email: true, role: true, tenantId: true, disabledAt: true, tenant: { select: { secondFactorRequired: true } } } },
    },
  });
  if (!row) return undefined;
  const { id, ...facts } = row;
  return { sessionId: id, ...facts };
}
