"use client";
// react-query keys and fetchers for tenants, members and invitations.
import { useQuery } from "@tanstack/react-query";
import type { InvitationDto, ListTenantsQuery, ListTenantsResponse, MemberDto, TenantDto } from "@/contracts/tenant-api";
import { apiFetch } from "@/lib/client/api-fetch";
import { seg, withQuery } from "@/lib/with-query";

export const tenantKeys = {
  all: ["tenants"] as const,
  list: (q: ListTenantsQuery) => ["tenants", "list", q] as const,
  one: (id: string) => ["tenants", "one", id] as const,
  members: (id: string) => ["tenants", "members", id] as const,
  invitations: (id: string) => ["tenants", "invitations", id] as const,
};

export function useTenantList(query: ListTenantsQuery, enabled = true) {
  return useQuery({
    queryKey: tenantKeys.list(query),
    queryFn: ({ signal }) => apiFetch<ListTenantsResponse>(withQuery("/api/tenants", query), { signal }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useTenant(id: string) {
  return useQuery({
    queryKey: tenantKeys.one(id),
    queryFn: ({ signal }) => apiFetch<{ tenant: TenantDto }>(`/api/tenants/${seg(id)}`, { signal }).then((r) => r.tenant),
  });
}

export function useMembers(id: string) {
  return useQuery({
    queryKey: tenantKeys.members(id),
    queryFn: ({ signal }) => apiFetch<{ members: MemberDto[] }>(`/api/tenants/${seg(id)}/members`, { signal }).then((r) => r.members),
  });
}

export function useInvitations(id: string, enabled = true) {
  return useQuery({
    queryKey: tenantKeys.invitations(id),
    queryFn: ({ signal }) => apiFetch<{ invitations: InvitationDto[] }>(`/api/tenants/${seg(id)}/invitations`, { signal }).then((r) => r.invitations),
    enabled,
  });
}
