"use client";
// react-query keys and fetchers for the district's agreement, the compliance overview and incidents.
import { useQuery } from "@tanstack/react-query";
import type { AgreementDto, ListComplianceDistrictsQuery, ListComplianceDistrictsResponse } from "@/contracts/compliance-api";
import type { DistrictOverviewResponse, IncidentDto, ListIncidentsQuery, ListIncidentsResponse } from "@/contracts/incident-api";
import { apiFetch } from "@/lib/client/api-fetch";
import { seg, withQuery } from "@/lib/with-query";

export const complianceKeys = {
  all: ["compliance"] as const,
  districts: (q: ListComplianceDistrictsQuery) => ["compliance", "districts", q] as const,
  overview: (id: string) => ["compliance", "overview", id] as const,
  /** Under "tenants", so that a tenant edit (which may change the reference or signing day) refreshes it too. */
  agreement: (id: string) => ["tenants", "agreement", id] as const,
  incidents: (q: ListIncidentsQuery) => ["compliance", "incidents", q] as const,
  incident: (id: string) => ["compliance", "incident", id] as const,
};

export function useComplianceDistricts(query: ListComplianceDistrictsQuery) {
  return useQuery({
    queryKey: complianceKeys.districts(query),
    queryFn: ({ signal }) => apiFetch<ListComplianceDistrictsResponse>(withQuery("/api/compliance/districts", query), { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useDistrictOverview(id: string | null) {
  return useQuery({
    queryKey: complianceKeys.overview(id ?? ""),
    queryFn: ({ signal }) => apiFetch<DistrictOverviewResponse>(`/api/compliance/districts/${seg(id ?? "")}`, { signal }),
    enabled: !!id,
  });
}

export function useAgreement(tenantId: string, enabled = true) {
  return useQuery({
    queryKey: complianceKeys.agreement(tenantId),
    queryFn: ({ signal }) => apiFetch<{ agreement: AgreementDto }>(`/api/tenants/${seg(tenantId)}/agreement`, { signal }).then((r) => r.agreement),
    enabled,
  });
}

export function useIncidents(query: ListIncidentsQuery) {
  return useQuery({
    queryKey: complianceKeys.incidents(query),
    queryFn: ({ signal }) => apiFetch<ListIncidentsResponse>(withQuery("/api/incidents", query), { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: complianceKeys.incident(id),
    queryFn: ({ signal }) => apiFetch<{ incident: IncidentDto }>(`/api/incidents/${seg(id)}`, { signal }).then((r) => r.incident),
  });
}
