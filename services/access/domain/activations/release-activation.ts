// Frees a seat: by the component (license key or token, and the fingerprint) or by a person in the
// console (the license page's activations, within the person's tenant). Works whatever the license's
// state, so a seat can always be given back. Audited either way.
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { findActivationLicense } from "./activation-license";
import { notActivated } from "./heartbeat-activation";
import { recordSeatEvent } from "./seat-event";

export async function releaseActivationByComponent(ctx: AccessContext, caller: string, input: { key?: string; token?: string; fingerprint: string }, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    const license = await findActivationLicense(ctx, tx, caller, input);
    const deleted = await tx.activation.deleteMany({ where: { licenseId: license.id, fingerprint: input.fingerprint } });
    if (deleted.count === 0) throw notActivated();
    await recordSeatEvent(tx, "activation.release", caller, license, meta, { fingerprint: input.fingerprint });
    return { released: true as const };
  });
}

export async function releaseActivationByPerson(ctx: AccessContext, actor: Actor, licenseId: string, activationId: string, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    const found = await tx.activation.findFirst({ where: { id: activationId, licenseId, ...tenantScope(actor) }, select: { id: true, tenantId: true, fingerprint: true } });
    if (!found) throw new AppError("not-found", "No such activation (already released, or another tenant's).");
    await tx.activation.delete({ where: { id: found.id } });
    await recordEvent(tx, {
      action: "activation.release",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "license", id: licenseId },
      tenantId: found.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { fingerprint: found.fingerprint, activationId: found.id },
    });
    return { released: true as const };
  });
}
