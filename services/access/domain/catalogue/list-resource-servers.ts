// The certificate identities that serve a component (introspect its tokens, validate its licenses).
import type { ListResourceServersResponse } from "../../../../contracts/catalogue-api";
import { AppError } from "../../../common/http/app-error";
import type { AccessContext } from "../context";
import { toResourceServerDto } from "./resource-server-dto";

export async function listResourceServers(ctx: AccessContext, componentId: string): Promise<ListResourceServersResponse> {
  const component = await ctx.prisma.component.findUnique({
    where: { id: componentId },
    select: { resourceServers: { orderBy: { identity: "asc" } } },
  });
  if (!component) throw new AppError("not-found", "No such component.");
  return { resourceServers: component.resourceServers.map(toResourceServerDto) };
}
