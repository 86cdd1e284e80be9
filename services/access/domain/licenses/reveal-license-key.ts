// Shows a license key to an authorised person who re-enters their password (confirm-password.ts: wrong
// ones count against the account on the sign-in throttle, so the reveal is no side door for guessing).
// Every attempt is audited as license.key_reveal — never with the key.
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { confirmPassword } from "../passwords/confirm-password";
import { licenseNotFound } from "./get-license";
import { openStoredLicenseKey } from "./license-key";
import { RetiredKey } from "../../keys/retired-key";
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

  await confirmPassword(ctx, actor, password, (reason) => audit("failure", { reason }));
  // Decrypt before auditing success, so a key that cannot be opened is not recorded as revealed.
  let key: string;
  try {
    key = await openStoredLicenseKey(ctx.prisma, ctx.keyring, ctx.dataKeys, license.id, license.keyCiphertext);
  } catch (e) {
    if (e instanceof DataKeyDestroyed) await audit("failure", { reason: "data-key-destroyed", dataKeyId: e.keyId });
    if (e instanceof RetiredKey) await audit("failure", { reason: "retired-key" });
    throw e;
  }
  await audit("success", {});
  return { key };
}
