// Every component's data inventory with all its versions, newest first (the trust page, the component's page).
import type { ComponentInventoryDto } from "../../../../contracts/trust-api";
import type { AccessContext } from "../context";
import { toInventoryVersionDto } from "./trust-dto";

export async function listInventories(ctx: Pick<AccessContext, "prisma">, where: { id?: string } = {}): Promise<ComponentInventoryDto[]> {
  const [components, versions] = await Promise.all([
    ctx.prisma.component.findMany({ where, select: { id: true, key: true, name: true }, orderBy: { key: "asc" } }),
    ctx.prisma.dataInventoryVersion.findMany({ where: where.id ? { componentId: where.id } : {}, orderBy: [{ componentId: "asc" }, { version: "desc" }] }),
  ]);
  return components.map((c) => ({ key: c.key, name: c.name, versions: versions.filter((v) => v.componentId === c.id).map(toInventoryVersionDto) }));
}
