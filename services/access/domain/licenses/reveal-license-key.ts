// Shows a license key to an authorised person who re-enters their password. Wrong passwords share the
// sign-in throttle (they count against the account), so the reveal is no side door for password guessing.
// Every attempt is audited as license.key_reveal — never with the key.
import { wrongPasswordMessage } from "../../../../contracts/field-messages";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { verifyPassword } from "../passwords/password-hash";
import { licenseNotFound } from "./get-license";
import { openStoredLicenseKey } from "./license-key";
import { stepUpAuditData } from "../mfa/step-up";
import { DataKeyDestroyed } from "../../keys/tenant-data-keys";

export async function revealLicenseKey(ctx: AccessContext, actor: Actor, id: string, password: string, meta: RequestMeta) {
  const license = await ctx.prisma.license.findFirst({ where: { id, ...tenantScope(actor) }, select: { id: true, tenantId: true, keyCiphertext: true } });
  if (!license) throw licenseNotFound();

  const audit = (outcome: "success" | "failure", data: Record<string, string>) =>
    recordEvent(ctx.prisma, {
      action: "license.key_reveal",
      outcome,
      actor: auditActor(actor),
      target: { type: "license", id: license.id },
      tenantId: license.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { ...data, ...stepUpAuditData(meta) },
    });

  const verdict = await ctx.throttle.check(actor.email);
  if (!verdict.allowed) {
    await audit("failure", { reason: "throttled" });
    throw new AppError("too-many-requests", `Too many attempts. Try again in ${verdict.retryAfterSeconds} seconds.`, {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
  const user = await ctx.prisma.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash ?? null, password))) {
    await ctx.throttle.recordFailure(actor.email);
    await audit("failure", { reason: "reauth-failed" });
    throw new AppError("unauthenticated", wrongPasswordMessage, { reason: "reauth-failed", fieldErrors: { password: [wrongPasswordMessage] } });
  }
  await ctx.throttle.recordSuccess(actor.email);
  // Decrypt before auditing success, so a key that cannot be opened is not recorded as revealed.
  let key: string;
  try {
    key = await openStoredLicenseKey(ctx.prisma, ctx.keyring, ctx.dataKeys, license.id, license.keyCiphertext);
  } catch (e) {
    if (e instanceof DataKeyDestroyed) await audit("failure", { reason: "data-key-destroyed", dataKeyId: e.keyId });
    throw e;
  }
  await audit("success", {});
  return { key };
}
