// Resolves a bearer session token to its user, ending the session when a timeout has passed. Answered
// from the per-process session cache while the change feed is healthy (find-session.ts); lastSeenAt is
// written at most once a minute per process, so a busy session does not write on every request, and
// that write never evicts a cache entry (the trigger of migration 0007 ignores it).
import { secondFactorRequired } from "../../../../contracts/assurance-levels";
import { AppError } from "../../../common/http/app-error";
import type { AccessContext, RequestMeta } from "../context";
import { endSession } from "./end-session";
import { findSession, sessionEnd, type FoundSession } from "./find-session";
import { sessionDto } from "./session-lifetime";
import { toUserDto } from "../users/user-dto";

const touchIntervalMs = 60_000;

export async function authenticateSession(ctx: AccessContext, bearer: string | undefined, meta: RequestMeta) {
  const now = new Date();
  const session = await findSession(ctx, bearer, now);
  if (!session) throw new AppError("unauthenticated", "Sign in to continue.");
  const reason = sessionEnd(ctx, session, now);
  if (reason) {
    if (reason !== "ended") await endTimedOutSession(ctx, session, reason, now, meta);
    throw new AppError("unauthenticated", "Your session has ended. Sign in again.", { reason: reason === "ended" ? "session-ended" : reason });
  }
  if (now.getTime() - session.lastSeenAt.getTime() > touchIntervalMs) {
    await ctx.prisma.session.updateMany({ where: { id: session.sessionId, lastSeenAt: { lt: now } }, data: { lastSeenAt: now } });
    session.lastSeenAt = now; // this process's idle clock, also in its cache entry; it only moves forward
  }
  const required = secondFactorRequired(session.user.role, session.user.tenant?.secondFactorRequired ?? false);
  return {
    sessionId: session.sessionId,
    user: toUserDto(session.user),
    session: sessionDto(ctx.settings, session),
    stepUpDemanded: session.stepUpDemandedAt !== null,
    secondFactor: { required, owed: required && session.secondFactorKind === null },
  };
}

async function endTimedOutSession(ctx: AccessContext, session: FoundSession, reason: string, now: Date, meta: RequestMeta) {
  await ctx.prisma.$transaction((tx) => endSession(tx, session, { action: "auth.session_end", reason }, meta, now));
}
