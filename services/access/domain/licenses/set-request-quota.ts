// Sets a license's own request-rate quota (requests a minute across validations, introspections and
// grants), or clears it back to its tier's: within the actor's tenant, locked, audited with from/to in the
// same transaction. The licenses trigger notifies every process, whose caches then read the new limit.
import type { SetRequestQuotaRequest } from "../../../../contracts/license-api";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { licenseNotFound, loadLicenseDetail } from "./get-license";
import { assertNotRevoked } from "./license-transitions";

export async function setRequestQuota(ctx: AccessContext, actor: Actor, id: string, input: SetRequestQuotaRequest, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "licenses" WHERE "id" = ${id} FOR UPDATE`;
    const current = locked.length
      ? await tx.license.findFirst({ where: { id, ...tenantScope(actor) }, select: { id: true, tenantId: true, status: true, requestsPerMinute: true } })
      : null;
    if (!current) throw licenseNotFound();
    assertNotRevoked(current);
    await tx.license.update({ where: { id }, data: { requestsPerMinute: input.requestsPerMinute }, select: { id: true } });
    await recordEvent(tx, {
      action: "license.request_quota",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "license", id },
      tenantId: current.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { fromRequestsPerMinute: current.requestsPerMinute, toRequestsPerMinute: input.requestsPerMinute },
    });
    return { license: await loadLicenseDetail(tx, actor, id, ctx.now()) };
  });
}
