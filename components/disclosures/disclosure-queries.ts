"use client";
// react-query fetchers for the record of disclosures: a page of lines and the chart's counts, same filters.
import { useQuery } from "@tanstack/react-query";
import type { DisclosureActivityResponse, DisclosureFilters, ListDisclosuresResponse } from "@/contracts/disclosure-api";
import { apiFetch } from "@/lib/client/api-fetch";
import { withQuery } from "@/lib/with-query";

export type DisclosurePage = ListDisclosuresResponse & { tenant: { id: string; name: string } };

export function useDisclosures(query: DisclosureFilters & { limit: number; cursor?: string }, enabled: boolean) {
  return useQuery({
    queryKey: ["disclosures", "list", query],
    queryFn: ({ signal }) => apiFetch<DisclosurePage>(withQuery("/api/disclosures", query), { signal }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useDisclosureActivity(filters: DisclosureFilters, enabled: boolean) {
  return useQuery({
    queryKey: ["disclosures", "activity", filters],
    queryFn: ({ signal }) => apiFetch<DisclosureActivityResponse>(withQuery("/api/disclosures/activity", filters), { signal }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** The download link of the filtered record as CSV or PDF. */
export const exportHref = (filters: DisclosureFilters, format: "csv" | "pdf") => withQuery("/api/disclosures/export", { ...filters, format });
