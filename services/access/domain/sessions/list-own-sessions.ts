// The signed-in person's own live sessions — where they are signed in — for the Security page. Only
// their own, by user id in the where; ended, expired and idle sessions are left out.
import type { OwnSessionDto } from "../../../../contracts/access-api";
import type { AccessContext, AccessSettings } from "../context";
import { sessionDto } from "./session-lifetime";

const listLimit = 100;

/** The `where` of a person's sessions that are still alive now: not ended, not past either timeout. */
export function liveSessionsOf(settings: AccessSettings, userId: string, now: Date) {
  return {
    userId,
    endedAt: null,
    expiresAt: { gt: now },
    lastSeenAt: { gt: new Date(now.getTime() - settings.sessionIdleMinutes * 60_000) },
  };
}

export async function listOwnSessions(ctx: AccessContext, me: { userId: string; sessionId: string }, now = new Date()): Promise<{ sessions: OwnSessionDto[] }> {
  const rows = await ctx.prisma.session.findMany({
    where: liveSessionsOf(ctx.settings, me.userId, now),
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: listLimit,
  });
  return {
    sessions: rows.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      ...sessionDto(ctx.settings, s),
      sourceIp: s.sourceIp,
      browser: s.deviceBrowser,
      system: s.deviceSystem,
      current: s.id === me.sessionId,
    })),
  };
}
