// The first half of a two-step sign-in: the password was right and the person has a second factor. What
// comes back is a pending sign-in token (tsp_…), not a session: it authenticates no route, opens nothing,
// and can only be exchanged once, within minutes, for a session by proving that factor (complete-sign-in.ts).
import { assurancePolicy } from "../../../../contracts/assurance-levels";
import type { SecondFactorRequired, VerifiedFactorKind } from "../../../../contracts/mfa-api";
import type { Device } from "../../../../contracts/user-agent";
import type { AccessPrisma } from "../../db/prisma";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { newId } from "../secrets/ids";
import { createSecret, digestSecret } from "../secrets/opaque-secret";

/** Whether the person has a confirmed second factor (an enrolment not yet confirmed does not count). */
export async function hasSecondFactor(db: AccessPrisma | TransactionClient, userId: string): Promise<boolean> {
  return (await db.secondFactor.count({ where: { userId, confirmedAt: { not: null } } })) > 0;
}

/** The ways the person can complete a second step, the phishing-resistant first: passkey, app, recovery codes while any are left. */
export async function availableFactors(db: AccessPrisma | TransactionClient, userId: string): Promise<VerifiedFactorKind[]> {
  const [passkey, totp, codes] = await Promise.all([
    db.secondFactor.count({ where: { userId, kind: "passkey", confirmedAt: { not: null } } }),
    db.secondFactor.count({ where: { userId, kind: "totp", confirmedAt: { not: null } } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return [...(passkey > 0 ? (["passkey"] as const) : []), ...(totp > 0 ? (["totp"] as const) : []), ...(codes > 0 ? (["recovery-code"] as const) : [])];
}

export async function beginPendingSignIn(ctx: AccessContext, user: { id: string; email: string }, device: Device, meta: RequestMeta): Promise<SecondFactorRequired> {
  const token = createSecret("pending-sign-in");
  const expiresAt = new Date(ctx.now().getTime() + assurancePolicy.pendingSignInMinutes * 60_000);
  const factors = await availableFactors(ctx.prisma, user.id);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.pendingSignIn.create({
      data: {
        id: newId("psi"), userId: user.id, tokenDigest: digestSecret(ctx.keys.secretDigest, token), expiresAt,
        sourceIp: meta.sourceIp, deviceBrowser: device.browser, deviceSystem: device.system,
      },
    });
    await recordEvent(tx, {
      action: "auth.sign_in_pending",
      outcome: "success",
      actor: { type: "user", id: user.id, label: user.email },
      target: null,
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: {},
    });
  });
  return { secondFactorRequired: true, pendingToken: token, expiresAt: expiresAt.toISOString(), factors };
}
