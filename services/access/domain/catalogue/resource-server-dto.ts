// A component's resource server as the contract shows it.
import type { ResourceServerDto } from "../../../../contracts/catalogue-api";

export function toResourceServerDto(row: { componentId: string; identity: string; createdAt: Date }): ResourceServerDto {
  return { componentId: row.componentId, identity: row.identity, createdAt: row.createdAt.toISOString() };
}
