"use client";
// react-query keys and fetchers for licenses, shared by the table and the license page.
import { useQuery } from "@tanstack/react-query";
import type { LicenseDetail, LicenseTimelineEvent, ListLicensesQuery, ListLicensesResponse, TierChangePreview } from "@/contracts/license-api";
import { apiFetch } from "@/lib/client/api-fetch";
import { seg, withQuery } from "@/lib/with-query";

export const licenseKeys = {
  all: ["licenses"] as const,
  list: (q: ListLicensesQuery) => ["licenses", "list", q] as const,
  one: (id: string) => ["licenses", "one", id] as const,
  timeline: (id: string) => ["licenses", "timeline", id] as const,
  tierChangePreview: (id: string, tierId: string) => ["licenses", "tier-change-preview", id, tierId] as const,
};

export function useLicenseList(query: ListLicensesQuery) {
  return useQuery({
    queryKey: licenseKeys.list(query),
    queryFn: ({ signal }) => apiFetch<ListLicensesResponse>(withQuery("/api/licenses", query), { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useLicense(id: string) {
  return useQuery({
    queryKey: licenseKeys.one(id),
    queryFn: ({ signal }) => apiFetch<{ license: LicenseDetail }>(`/api/licenses/${seg(id)}`, { signal }).then((r) => r.license),
  });
}

export function useLicenseTimeline(id: string) {
  return useQuery({
    queryKey: licenseKeys.timeline(id),
    queryFn: ({ signal }) => apiFetch<{ events: LicenseTimelineEvent[] }>(`/api/licenses/${seg(id)}/timeline`, { signal }).then((r) => r.events),
  });
}

export function licenseAction(id: string, action: string, body?: unknown) {
  return apiFetch<{ license: LicenseDetail }>(`/api/licenses/${seg(id)}/${action}`, { method: "POST", body }).then((r) => r.license);
}

/** What moving the license to `tierId` would do, asked afresh each time a tier is picked (nothing while none is). */
export function useTierChangePreview(id: string, tierId: string) {
  return useQuery({
    queryKey: licenseKeys.tierChangePreview(id, tierId),
    queryFn: ({ signal }) => apiFetch<TierChangePreview>(withQuery(`/api/licenses/${seg(id)}/tier-change-preview`, { tierId }), { signal }),
    enabled: tierId !== "",
    staleTime: 0,
  });
}
