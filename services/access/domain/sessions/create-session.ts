// Opens a session inside the caller's transaction and returns the bearer token, shown only this once.
import type { AccessContext, TransactionClient } from "../context";
import { newId } from "../secrets/ids";
import { createSecret, digestSecret } from "../secrets/opaque-secret";
import { sessionDto } from "./session-lifetime";

export async function createSession(ctx: AccessContext, tx: TransactionClient, userId: string, sourceIp: string | null) {
  const token = createSecret("session");
  const now = new Date();
  const session = await tx.session.create({
    data: {
      id: newId("ses"),
      userId,
      tokenDigest: digestSecret(ctx.keys.secretDigest, token),
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ctx.settings.sessionAbsoluteHours * 3_600_000),
      sourceIp,
    },
  });
  return { token, session: sessionDto(ctx.settings, session), sessionId: session.id };
}
