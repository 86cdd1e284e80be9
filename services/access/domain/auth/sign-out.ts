// Ends the session behind a bearer token, through the same path as every other end of a session.
// Idempotent: an unknown, malformed or already ended token is fine.
import type { AccessContext, RequestMeta } from "../context";
import { endSession } from "../sessions/end-session";
import { findSession } from "../sessions/find-session";

export async function signOut(ctx: AccessContext, bearer: string | undefined, meta: RequestMeta): Promise<void> {
  const session = await findSession(ctx, bearer, new Date());
  if (!session || session.endedAt) return;
  await ctx.prisma.$transaction((tx) => endSession(tx, session, { action: "auth.sign_out", reason: "sign-out" }, meta));
}
