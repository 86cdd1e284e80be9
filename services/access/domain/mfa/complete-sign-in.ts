// The second half of a two-step sign-in: a pending sign-in token and a second factor in, an AAL2 session
// out. A token that is unknown, used, expired or of a removed person is refused the same way; the
// factor is checked against the pending sign-in's own person only (no one completes another's).
import type { SecondFactorProof } from "../../../../contracts/mfa-api";
import { AppError } from "../../../common/http/app-error";
import { openSignedInSession } from "../auth/open-signed-in-session";
import type { AccessContext, RequestMeta } from "../context";
import { looksLikeSecret, digestSecret } from "../secrets/opaque-secret";
import { verifySecondFactor } from "./verify-second-factor";

const pendingGone = () => new AppError("unauthenticated", "This sign-in has expired. Enter your e-mail and password again.", { reason: "pending-sign-in-invalid" });

/** The pending sign-in a token names, if it can still complete; refused alike otherwise. */
export async function openPendingSignIn(ctx: AccessContext, pendingToken: string) {
  if (!looksLikeSecret("pending-sign-in", pendingToken)) throw pendingGone();
  const pending = await ctx.prisma.pendingSignIn.findUnique({
    where: { tokenDigest: digestSecret(ctx.keys.secretDigest, pendingToken) },
    include: { user: true },
  });
  if (!pending || pending.usedAt || pending.expiresAt <= ctx.now() || pending.user.disabledAt) throw pendingGone();
  return pending;
}

export async function completeSignIn(ctx: AccessContext, input: { pendingToken: string; deviceCookie?: string; proof: SecondFactorProof }, meta: RequestMeta) {
  const pending = await openPendingSignIn(ctx, input.pendingToken);
  const user = pending.user;

  const factor = await verifySecondFactor(ctx, user, input.proof, "sign-in", meta, pending.id);
  return openSignedInSession(
    ctx,
    user,
    {
      device: { browser: pending.deviceBrowser, system: pending.deviceSystem },
      factor: { kind: factor, at: ctx.now() },
      deviceCookie: input.deviceCookie,
      // Used once: a second exchange of the same pending token (even with another good code) opens nothing.
      insideTransaction: async (tx) => {
        const claimed = await tx.pendingSignIn.updateMany({ where: { id: pending.id, usedAt: null }, data: { usedAt: new Date() } });
        if (claimed.count !== 1) throw pendingGone();
      },
    },
    meta,
  );
}
