// Verifies e-mail and password. An unknown e-mail and a wrong password give the same answer in about
// the same time; attempts are throttled (sign-in-throttle.ts, with the browser's device cookie) and
// audited, success opens a session and renews the browser's device cookie — or, for a person with a
// second factor, a pending sign-in that can only complete that factor (mfa/complete-sign-in.ts).
import { describeUserAgent } from "../../../../contracts/user-agent";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";
import { tooManyAttempts } from "../passwords/confirm-password";
import { verifyPassword } from "../passwords/password-hash";
import { beginPendingSignIn, hasSecondFactor } from "../mfa/pending-sign-in";
import { knownDeviceId } from "./device-cookie";
import { openSignedInSession } from "./open-signed-in-session";

const invalid = () => new AppError("unauthenticated", "E-mail or password is incorrect.", { reason: "invalid-credentials" });

export async function signIn(ctx: AccessContext, input: { email: string; password: string; deviceCookie?: string; userAgent?: string }, meta: RequestMeta) {
  const failure = (reason: string) => {
    // Every failed attempt is told to the anomaly detector (a push into its bounded queue, never awaited); a success is told where its session opens.
    ctx.detector?.push({ type: "sign-in", at: ctx.now().getTime(), tenantId: null, userId: null, email: input.email.slice(0, 254), address: meta.sourceIp, deviceId: null, rememberedDeviceId: null, outcome: "failure" });
    return ctx.prisma.$transaction((tx) =>
      recordEvent(tx, {
        action: "auth.sign_in",
        outcome: "failure",
        actor: { type: "anonymous", id: null, label: input.email.slice(0, 254) },
        target: null,
        tenantId: null,
        sourceIp: meta.sourceIp,
        requestId: meta.requestId,
        data: { reason },
      }),
    );
  };

  const user = await ctx.prisma.user.findUnique({ where: { email: input.email }, omit: { passwordHash: false } });
  const deviceId = knownDeviceId(ctx.keysDir, input.deviceCookie, user?.id ?? null);
  const attempt = await ctx.throttle.beginSignIn({ ip: meta.sourceIp, email: input.email, deviceId });
  if (!attempt.verdict.allowed) {
    const { retryAfterSeconds } = attempt.verdict;
    await failure("throttled");
    throw tooManyAttempts(retryAfterSeconds);
  }

  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  // A removed member's password still verifies (same time) but opens nothing.
  if (!user || !ok || user.disabledAt) {
    await failure("invalid-credentials");
    throw invalid();
  }

  await attempt.succeeded();
  if (await hasSecondFactor(ctx.prisma, user.id)) return beginPendingSignIn(ctx, user, describeUserAgent(input.userAgent), meta);
  return openSignedInSession(ctx, user, { device: describeUserAgent(input.userAgent), factor: null, deviceCookie: input.deviceCookie }, meta);
}
