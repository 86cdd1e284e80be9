"use client";
// react-query keys and fetchers for a license's activations (seats in use).
import { useQuery } from "@tanstack/react-query";
import type { ListActivationsResponse } from "@/contracts/activation-api";
import { apiFetch } from "@/lib/client/api-fetch";
import { seg } from "@/lib/with-query";

export const activationKeys = {
  all: ["activations"] as const,
  ofLicense: (licenseId: string) => ["activations", licenseId] as const,
};

export function useActivations(licenseId: string) {
  return useQuery({
    queryKey: activationKeys.ofLicense(licenseId),
    queryFn: ({ signal }) => apiFetch<ListActivationsResponse>(`/api/licenses/${seg(licenseId)}/activations`, { signal }),
  });
}

export function releaseActivation(licenseId: string, activationId: string) {
  return apiFetch<{ released: true }>(`/api/licenses/${seg(licenseId)}/activations/${seg(activationId)}/release`, { method: "POST" });
}
