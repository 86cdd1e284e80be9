// Adding an authenticator app: the secret is generated here, shown once (as an otpauth:// URI, its QR
// code drawn here as SVG, and the base32 text), and stored encrypted under the storage keyring. It
// counts as a factor only once the person types a code from the app (confirm), which also proves the
// app's clock agrees; the first confirmed factor comes with recovery codes.
import QRCode from "qrcode";
import { AppError } from "../../../common/http/app-error";
import { tooManyAttempts } from "../passwords/confirm-password";
import type { AccessContext, RequestMeta } from "../context";
import { newId } from "../secrets/ids";
import { addConfirmedFactor, assertRoomForFactor } from "./add-factor";
import { openFactorSecret, sealFactorSecret } from "./factor-secret";
import { checkTotp, newTotpSecret, totpUri } from "./totp";
import { wrongSecondFactorMessage } from "../../../../contracts/field-messages";

type Me = { userId: string; email: string; sessionId: string };
export async function enrolTotp(ctx: AccessContext, me: Me, label: string) {
  await assertRoomForFactor(ctx, me.userId);
  const id = newId("mfa");
  const secret = newTotpSecret();
  const uri = totpUri(secret, me.email);
  // An enrolment left unconfirmed is replaced by the next one: at most one secret waits at a time.
  await ctx.prisma.$transaction([
    ctx.prisma.secondFactor.deleteMany({ where: { userId: me.userId, confirmedAt: null } }),
    ctx.prisma.secondFactor.create({ data: { id, userId: me.userId, kind: "totp", label, secretCiphertext: sealFactorSecret(ctx.keyring, id, secret), createdAt: ctx.now() } }),
  ]);
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { id, uri, secret, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

export async function confirmTotp(ctx: AccessContext, me: Me, id: string, code: string, meta: RequestMeta) {
  const factor = await ctx.prisma.secondFactor.findFirst({ where: { id, userId: me.userId, kind: "totp", confirmedAt: null }, omit: { secretCiphertext: false } });
  if (!factor?.secretCiphertext) throw new AppError("not-found", "No such authenticator waiting to be confirmed. Start again.", { reason: "factor-not-found" });
  const verdict = await ctx.throttle.check(me.email);
  if (!verdict.allowed) throw tooManyAttempts(verdict.retryAfterSeconds);
  const now = ctx.now();
  const checked = checkTotp(openFactorSecret(ctx.keyring, factor.id, factor.secretCiphertext), code, now, null);
  if (!checked.ok) {
    await ctx.throttle.recordFailure(me.email);
    throw new AppError("validation-failed", wrongSecondFactorMessage.totp, { reason: "second-factor-failed", fieldErrors: { code: [wrongSecondFactorMessage.totp] } });
  }
  await ctx.throttle.recordSuccess(me.email);
  // The confirming code's step is spent: it cannot be replayed to sign in.
  return addConfirmedFactor(ctx, me, "totp", now, meta, (tx) =>
    tx.secondFactor.update({ where: { id: factor.id }, data: { confirmedAt: now, lastUsedStep: BigInt(checked.step), lastUsedAt: now } }),
  );
}
