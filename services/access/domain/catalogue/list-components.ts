// The catalogue: every component with its scopes, or one. Not tenant-specific: the vendor's offering is public
// to every role that may read the catalogue (the route's policy: catalog.read).
import type { ListComponentsResponse } from "../../../../contracts/catalogue-api";
import { AppError } from "../../../common/http/app-error";
import type { AccessContext } from "../context";
import { toComponentDto } from "./catalogue-dto";

export async function listComponents(ctx: AccessContext): Promise<ListComponentsResponse> {
  const components = await ctx.prisma.component.findMany({ include: { scopes: true }, orderBy: { key: "asc" } });
  return { components: components.map(toComponentDto) };
}

/** One component with its scopes. */
export async function getComponent(ctx: AccessContext, id: string) {
  const component = await ctx.prisma.component.findUnique({ where: { id }, include: { scopes: true } });
  if (!component) throw new AppError("not-found", "No such component.");
  return { component: toComponentDto(component) };
}
