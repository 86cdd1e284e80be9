// The one way a session ends — signed out, timed out, or revoked by its owner: a conditional UPDATE of
// ended_at (so racing ends record one event) and its audit event in the same transaction. The UPDATE's
// trigger (migration 0007) notifies every access process, whose session caches drop the entry, exactly
// as a token revocation reaches their token caches.
import { recordEvent } from "../../outbox/record-event";
import type { RequestMeta, TransactionClient } from "../context";

export type SessionEnd = { action: "auth.sign_out" | "auth.session_end" | "auth.session_revoke"; reason: string };

export async function endSession(
  tx: TransactionClient,
  session: { sessionId: string; user: { id: string; email: string } },
  end: SessionEnd,
  meta: RequestMeta,
  now = new Date(),
): Promise<boolean> {
  const ended = await tx.session.updateMany({ where: { id: session.sessionId, endedAt: null }, data: { endedAt: now, endReason: end.reason } });
  if (ended.count === 0) return false;
  await recordEvent(tx, {
    action: end.action,
    outcome: "success",
    actor: { type: "user", id: session.user.id, label: session.user.email },
    target: { type: "session", id: session.sessionId },
    tenantId: null,
    sourceIp: meta.sourceIp,
    requestId: meta.requestId,
    data: end.action === "auth.sign_out" ? {} : { reason: end.reason },
  });
  return true;
}
