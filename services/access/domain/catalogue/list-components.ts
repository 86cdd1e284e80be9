// The catalogue: every component with its scopes. Not tenant-specific: the vendor's offering is public
// to every role that may read the catalogue (the route's policy: catalog.read).
import type { ListComponentsResponse } from "../../../../contracts/catalogue-api";
import type { AccessContext } from "../context";
import { toComponentDto } from "./catalogue-dto";

export async function listComponents(ctx: AccessContext): Promise<ListComponentsResponse> {
  const components = await ctx.prisma.component.findMany({ include: { scopes: true }, orderBy: { key: "asc" } });
  return { components: components.map(toComponentDto) };
}
