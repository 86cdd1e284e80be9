"use client";
// react-query keys and fetchers for a license's activations (seats in use).
import { useQuery } from "@tanstack/react-query";
import type { ListActivationsQuery, ListActivationsResponse } from "@/contracts/activation-api";
import { apiFetch } from "@/lib/client/api-fetch";
import { seg, withQuery } from "@/lib/with-query";

export const activationKeys = {
  all: ["activations"] as const,
  page: (licenseId: string, query: ListActivationsQuery) => ["activations", licenseId, query] as const,
};

export function useActivations(licenseId: string, query: ListActivationsQuery) {
  return useQuery({
    queryKey: activationKeys.page(licenseId, query),
    queryFn: ({ signal }) => apiFetch<ListActivationsResponse>(withQuery(`/api/licenses/${seg(licenseId)}/activations`, query), { signal }),
    placeholderData: (previous) => previous,
  });
}

export function releaseActivation(licenseId: string, activationId: string) {
  return apiFetch<{ released: true }>(`/api/licenses/${seg(licenseId)}/activations/${seg(activationId)}/release`, { method: "POST" });
}
