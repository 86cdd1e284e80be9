"use client";
// react-query key and fetcher of the security plan (latest self-check results, last access review).
import { useQuery } from "@tanstack/react-query";
import type { SecurityPlanResponse } from "@/contracts/security-plan";
import { apiFetch } from "@/lib/client/api-fetch";

export const securityPlanKey = ["security-plan"] as const;

export function useSecurityPlan() {
  return useQuery({
    queryKey: securityPlanKey,
    queryFn: ({ signal }) => apiFetch<SecurityPlanResponse>("/api/security-plan", { signal }),
  });
}
