// Resolves a bearer session token to its user, ending the session when a timeout has passed.
// lastSeenAt is written at most once a minute, so a busy session does not write on every request.
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";
import { digestSecret, looksLikeSecret } from "../secrets/opaque-secret";
import { sessionDto, sessionEndReason } from "./session-lifetime";
import { toUserDto } from "../users/user-dto";

const touchIntervalMs = 60_000;

export async function authenticateSession(ctx: AccessContext, bearer: string | undefined, meta: RequestMeta) {
  if (!bearer || !looksLikeSecret("session", bearer)) throw new AppError("unauthenticated", "Sign in to continue.");
  const session = await ctx.prisma.session.findUnique({
    where: { tokenDigest: digestSecret(ctx.keys.secretDigest, bearer) },
    include: { user: true },
  });
  if (!session) throw new AppError("unauthenticated", "Sign in to continue.");
  const now = new Date();
  const reason = session.user.disabledAt && !session.endedAt ? "user-disabled" : sessionEndReason(ctx.settings, session, now);
  if (reason) {
    if (reason !== "ended") {
      await ctx.prisma.$transaction(async (tx) => {
        const ended = await tx.session.updateMany({ where: { id: session.id, endedAt: null }, data: { endedAt: now, endReason: reason } });
        if (ended.count === 1) {
          await recordEvent(tx, {
            action: "auth.session_end",
            outcome: "success",
            actor: { type: "user", id: session.userId, label: session.user.email },
            target: { type: "session", id: session.id },
            tenantId: null,
            sourceIp: meta.sourceIp,
            requestId: meta.requestId,
            data: { reason },
          });
        }
      });
    }
    throw new AppError("unauthenticated", "Your session has ended. Sign in again.", { reason: reason === "ended" ? "session-ended" : reason });
  }
  let lastSeenAt = session.lastSeenAt;
  if (now.getTime() - lastSeenAt.getTime() > touchIntervalMs) {
    lastSeenAt = now;
    await ctx.prisma.session.update({ where: { id: session.id }, data: { lastSeenAt } });
  }
  return { sessionId: session.id, user: toUserDto(session.user), session: sessionDto(ctx.settings, { ...session, lastSeenAt }) };
}
