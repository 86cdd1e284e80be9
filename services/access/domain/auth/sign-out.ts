// Ends the session behind a bearer token. Idempotent: an unknown or already ended token is fine.
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";
import { digestSecret, looksLikeSecret } from "../secrets/opaque-secret";

export async function signOut(ctx: AccessContext, bearer: string | undefined, meta: RequestMeta): Promise<void> {
  if (!bearer || !looksLikeSecret("session", bearer)) return;
  const digest = digestSecret(ctx.keys.secretDigest, bearer);
  await ctx.prisma.$transaction(async (tx) => {
    const session = await tx.session.findUnique({ where: { tokenDigest: digest }, include: { user: true } });
    if (!session || session.endedAt) return;
    await tx.session.update({ where: { id: session.id }, data: { endedAt: new Date(), endReason: "sign-out" } });
    await recordEvent(tx, {
      action: "auth.sign_out",
      outcome: "success",
      actor: { type: "user", id: session.userId, label: session.user.email },
      target: { type: "session", id: session.id },
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: {},
    });
  });
}
