"use client";
// react-query keys and fetchers for components (their scopes and resource servers) and service tiers.
import { useQuery } from "@tanstack/react-query";
import type { ComponentDto, ResourceServerDto, TierDto } from "@/contracts/catalogue-api";
import { apiFetch } from "@/lib/client/api-fetch";
import { seg } from "@/lib/with-query";

export const catalogueKeys = {
  components: ["components"] as const,
  component: (id: string) => ["components", id] as const,
  resourceServers: (id: string) => ["components", id, "resource-servers"] as const,
  tiers: ["tiers"] as const,
  tier: (id: string) => ["tiers", id] as const,
};

export function useComponents(enabled = true) {
  return useQuery({
    queryKey: catalogueKeys.components,
    queryFn: ({ signal }) => apiFetch<{ components: ComponentDto[] }>("/api/components", { signal }).then((r) => r.components),
    enabled,
  });
}

export function useComponent(id: string) {
  return useQuery({
    queryKey: catalogueKeys.component(id),
    queryFn: ({ signal }) => apiFetch<{ component: ComponentDto }>(`/api/components/${seg(id)}`, { signal }).then((r) => r.component),
  });
}

export function useResourceServers(componentId: string) {
  return useQuery({
    queryKey: catalogueKeys.resourceServers(componentId),
    queryFn: ({ signal }) => apiFetch<{ resourceServers: ResourceServerDto[] }>(`/api/components/${seg(componentId)}/resource-servers`, { signal }).then((r) => r.resourceServers),
  });
}

export function useTiers(enabled = true) {
  return useQuery({
    queryKey: catalogueKeys.tiers,
    queryFn: ({ signal }) => apiFetch<{ tiers: TierDto[] }>("/api/tiers", { signal }).then((r) => r.tiers),
    enabled,
  });
}

export function useTier(id: string) {
  return useQuery({
    queryKey: catalogueKeys.tier(id),
    queryFn: ({ signal }) => apiFetch<{ tier: TierDto }>(`/api/tiers/${seg(id)}`, { signal }).then((r) => r.tier),
  });
}
