// The last step of every successful sign-in, with a password alone (sign-in.ts) or with a second factor
// (mfa/complete-sign-in.ts): the session opened and `auth.sign_in` audited in one transaction (with
// whatever else the caller must do in it, such as using up a pending sign-in), the browser's device cookie
// renewed, and the anomaly detector told (its new-device rule sees both kinds of sign-in alike).
import type { Device } from "../../../../contracts/user-agent";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { createSession, type SignInFactor } from "../sessions/create-session";
import { toUserDto } from "../users/user-dto";
import { knownDeviceId, rememberDevice } from "./device-cookie";

type SignedInUser = Parameters<typeof toUserDto>[0] & { tenantId: string | null };

export async function openSignedInSession(
  ctx: AccessContext,
  user: SignedInUser,
  opening: { device: Device; factor: SignInFactor; deviceCookie?: string; insideTransaction?: (tx: TransactionClient) => Promise<void> },
  meta: RequestMeta,
) {
  const opened = await ctx.prisma.$transaction(async (tx) => {
    await opening.insideTransaction?.(tx);
    const created = await createSession(ctx, tx, user.id, meta.sourceIp, opening.device, opening.factor);
    await recordEvent(tx, {
      action: "auth.sign_in",
      outcome: "success",
      actor: { type: "user", id: user.id, label: user.email },
      target: { type: "session", id: created.sessionId },
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: opening.factor ? { assurance: "aal2", factor: opening.factor.kind } : {},
    });
    return created;
  });
  const deviceCookie = rememberDevice(ctx.keysDir, opening.deviceCookie, user.id);
  // A push into the detector's bounded queue, never awaited.
  ctx.detector?.push({
    type: "sign-in",
    at: ctx.now().getTime(),
    tenantId: user.tenantId,
    userId: user.id,
    email: user.email,
    address: meta.sourceIp,
    deviceId: knownDeviceId(ctx.keysDir, opening.deviceCookie, user.id),
    rememberedDeviceId: knownDeviceId(ctx.keysDir, deviceCookie, user.id),
    outcome: "success",
  });
  return { sessionToken: opened.token, session: opened.session, deviceCookie, user: toUserDto(user) };
}
