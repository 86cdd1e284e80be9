// Checks a person's second factor — a passkey's answer to its challenge, a current TOTP code or one unused
// recovery code — for signing in, stepping up or removing a factor. Throttled and audited like a re-entered password (the same per-account
// limiter, sign-in-throttle.ts, so codes are no side door for guessing); a TOTP step and a recovery code
// are each accepted once, by a conditional write, so two parallel uses of one code cannot both pass.
import type { SecondFactorProof, VerifiedFactorKind } from "../../../../contracts/mfa-api";
import { wrongSecondFactorMessage } from "../../../../contracts/field-messages";
import { AppError } from "../../../common/http/app-error";
import { tooManyAttempts } from "../passwords/confirm-password";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";
import { verifyPassword } from "../passwords/password-hash";
import { openFactorSecret } from "./factor-secret";
import { normaliseRecoveryCode } from "./recovery-codes";
import { acceptPasskey } from "./passkey-authentication";
import { checkTotp } from "./totp";

export type FactorPurpose = "sign-in" | "step-up" | "remove-factor" | "recovery-codes";
type Person = { id: string; email: string };

/**
 * `boundTo` is what a passkey's challenge was issued to: the pending sign-in (sign-in) or the session
 * (step-up); a passkey answer is refused for any other purpose.
 */
export async function verifySecondFactor(ctx: AccessContext, person: Person, proof: SecondFactorProof, purpose: FactorPurpose, meta: RequestMeta, boundTo?: string): Promise<VerifiedFactorKind> {
  const factor = factorOf(proof);
  const audit = (outcome: "success" | "failure", data: Record<string, string>) =>
    recordEvent(ctx.prisma, {
      action: "auth.second_factor",
      outcome,
      actor: { type: "user", id: person.id, label: person.email },
      target: null,
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { purpose, factor, ...data },
    });

  const verdict = await ctx.throttle.check(person.email);
  if (!verdict.allowed) {
    await audit("failure", { reason: "throttled" });
    throw tooManyAttempts(verdict.retryAfterSeconds);
  }
  const outcome =
    "passkey" in proof
      ? (purpose === "sign-in" || purpose === "step-up") && boundTo
        ? await acceptPasskey(ctx, { userId: person.id, purpose, boundTo }, proof.passkey)
        : "wrong-code"
      : "code" in proof
        ? await acceptTotp(ctx, person.id, proof.code)
        : await acceptRecoveryCode(ctx, person.id, proof.recoveryCode);
  if (outcome !== "accepted") {
    await ctx.throttle.recordFailure(person.email);
    await audit("failure", { reason: outcome });
    const field = ({ passkey: "passkey", totp: "code", "recovery-code": "recoveryCode" } as const)[factor];
    throw new AppError("unauthenticated", wrongSecondFactorMessage[factor], { reason: "second-factor-failed", fieldErrors: { [field]: [wrongSecondFactorMessage[factor]] } });
  }
  await ctx.throttle.recordSuccess(person.email);
  await audit("success", {});
  return factor;
}

const factorOf = (proof: SecondFactorProof): VerifiedFactorKind => ("passkey" in proof ? "passkey" : "code" in proof ? "totp" : "recovery-code");

type Outcome = "accepted" | "wrong-code" | "replayed" | "no-factor";

async function acceptTotp(ctx: AccessContext, userId: string, code: string): Promise<Outcome> {
  const factors = await ctx.prisma.secondFactor.findMany({
    where: { userId, kind: "totp", confirmedAt: { not: null } },
    select: { id: true, secretCiphertext: true, lastUsedStep: true },
  });
  if (factors.length === 0) return "no-factor";
  const now = ctx.now();
  let replayed = false;
  for (const f of factors) {
    if (!f.secretCiphertext) continue;
    const checked = checkTotp(openFactorSecret(ctx.keyring, f.id, f.secretCiphertext), code, now, f.lastUsedStep === null ? null : Number(f.lastUsedStep));
    if (!checked.ok) {
      replayed ||= checked.reason === "replayed";
      continue;
    }
    const step = BigInt(checked.step);
    const won = await ctx.prisma.secondFactor.updateMany({
      where: { id: f.id, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step, lastUsedAt: now },
    });
    if (won.count === 1) return "accepted";
    replayed = true; // a parallel request took this step first
  }
  return replayed ? "replayed" : "wrong-code";
}

async function acceptRecoveryCode(ctx: AccessContext, userId: string, code: string): Promise<Outcome> {
  const unused = await ctx.prisma.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } });
  if (unused.length === 0) return "no-factor";
  const typed = normaliseRecoveryCode(code);
  for (const c of unused) {
    if (!(await verifyPassword(c.codeHash, typed))) continue;
    const won = await ctx.prisma.recoveryCode.updateMany({ where: { id: c.id, usedAt: null }, data: { usedAt: ctx.now() } });
    return won.count === 1 ? "accepted" : "replayed";
  }
  return "wrong-code";
}
