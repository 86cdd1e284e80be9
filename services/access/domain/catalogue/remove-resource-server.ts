// Removes a resource server from a component (platform administrators), audited: from the commit on, the
// identity's introspections and validations for the component answer as for unknown tokens and keys.
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";

export async function removeResourceServer(ctx: AccessContext, actor: Actor, componentId: string, identity: string, meta: RequestMeta): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.resourceServer.deleteMany({ where: { componentId, identity } });
    if (count === 0) throw new AppError("not-found", "That identity does not serve this component.");
    const component = await tx.component.findUniqueOrThrow({ where: { id: componentId }, select: { key: true } });
    await recordEvent(tx, {
      action: "component.resource_server_remove",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "component", id: componentId },
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { componentKey: component.key, identity },
    });
  });
}
