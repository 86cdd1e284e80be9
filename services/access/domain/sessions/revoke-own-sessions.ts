// A person ends one of their own sessions, or all but the one they are using ("sign out everywhere
// else"), through the same path as signing out (end-session.ts): every access process stops accepting
// each session within the second. Someone else's session is simply not found.
import { AppError } from "../../../common/http/app-error";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { endSession } from "./end-session";
import { liveSessionsOf } from "./list-own-sessions";

type Me = { sessionId: string; user: { id: string; email: string } };

export async function revokeOwnSession(ctx: AccessContext, me: Me, sessionId: string, meta: RequestMeta): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    const session = await tx.session.findFirst({ where: { id: sessionId, userId: me.user.id }, select: { id: true } });
    if (!session) throw new AppError("not-found", "No such session.", { reason: "session-not-found" });
    const ended = await endSession(tx, { sessionId: session.id, user: me.user }, { action: "auth.session_revoke", reason: "revoked-by-owner" }, meta);
    if (!ended) throw new AppError("conflict", "That session has already ended.", { reason: "session-already-ended" });
  });
}

export async function revokeOtherSessions(ctx: AccessContext, me: Me, meta: RequestMeta): Promise<{ revoked: number }> {
  return ctx.prisma.$transaction(async (tx) => ({ revoked: await endOtherSessions(ctx, tx, me, "signed-out-elsewhere", meta, new Date()) }));
}

/** Ends every live session of the person but `me.sessionId` inside `tx`, each recorded with `reason`; how many ended. */
export async function endOtherSessions(ctx: Pick<AccessContext, "settings">, tx: TransactionClient, me: Me, reason: string, meta: RequestMeta, now: Date): Promise<number> {
  const others = await tx.session.findMany({ where: { ...liveSessionsOf(ctx.settings, me.user.id, now), id: { not: me.sessionId } }, select: { id: true } });
  let ended = 0;
  for (const s of others) {
    if (await endSession(tx, { sessionId: s.id, user: me.user }, { action: "auth.session_revoke", reason }, meta, now)) ended += 1;
  }
  return ended;
}
