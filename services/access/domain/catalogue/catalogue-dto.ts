// Components and scopes as the contract shows them.
import type { ComponentDto, ScopeDto } from "../../../../contracts/catalogue-api";

type ScopeRow = { id: string; key: string; componentId: string; description: string; retiredAt: Date | null; createdAt: Date };
type ComponentRow = { id: string; key: string; name: string; description: string; retiredAt: Date | null; createdAt: Date; scopes: ScopeRow[] };

export function toScopeDto(scope: ScopeRow): ScopeDto {
  return { id: scope.id, key: scope.key, componentId: scope.componentId, description: scope.description, retiredAt: scope.retiredAt?.toISOString() ?? null, createdAt: scope.createdAt.toISOString() };
}

export function toComponentDto(component: ComponentRow): ComponentDto {
  return {
    id: component.id,
    key: component.key,
    name: component.name,
    description: component.description,
    retiredAt: component.retiredAt?.toISOString() ?? null,
    createdAt: component.createdAt.toISOString(),
    scopes: [...component.scopes].sort((a, b) => a.key.localeCompare(b.key)).map(toScopeDto),
  };
}
