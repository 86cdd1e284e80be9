// Registers a certificate identity as a resource server of a component (platform administrators), audited.
// From the commit on, every access process answers that identity's introspections and validations for
// the component (the trigger of migration 0008 evicts the component's cached answers).
import type { AddResourceServerRequest } from "../../../../contracts/catalogue-api";
import { AppError } from "../../../common/http/app-error";
import { isUniqueViolation } from "../../db/unique-violation";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { toResourceServerDto } from "./resource-server-dto";

const taken = () => new AppError("conflict", "That identity already serves this component.", { fieldErrors: { identity: ["Already a resource server of this component."] } });

export async function addResourceServer(ctx: AccessContext, actor: Actor, componentId: string, input: AddResourceServerRequest, meta: RequestMeta) {
  try {
    const row = await ctx.prisma.$transaction(async (tx) => {
      const component = await tx.component.findUnique({ where: { id: componentId }, select: { id: true, key: true } });
      if (!component) throw new AppError("not-found", "No such component.");
      if (await tx.resourceServer.findUnique({ where: { componentId_identity: { componentId, identity: input.identity } }, select: { identity: true } })) throw taken();
      const created = await tx.resourceServer.create({ data: { componentId, identity: input.identity, createdById: actor.userId } });
      await recordEvent(tx, {
        action: "component.resource_server_add",
        outcome: "success",
        actor: auditActor(actor),
        target: { type: "component", id: componentId },
        tenantId: null,
        sourceIp: meta.sourceIp,
        requestId: meta.requestId,
        data: { componentKey: component.key, identity: input.identity },
      });
      return created;
    });
    return { resourceServer: toResourceServerDto(row) };
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
