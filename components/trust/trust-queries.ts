"use client";
// react-query keys and fetchers for the trust page's facts (shared with the public page's endpoint) and
// the notices of policy change.
import { useQuery } from "@tanstack/react-query";
import type { ListNoticesResponse, TrustResponse } from "@/contracts/trust-api";
import { apiFetch } from "@/lib/client/api-fetch";

export const trustKeys = { facts: ["trust"] as const, notices: ["trust", "notices"] as const };

export function useTrustFacts() {
  return useQuery({ queryKey: trustKeys.facts, queryFn: ({ signal }) => apiFetch<TrustResponse>("/api/trust", { signal }) });
}

export function useNotices() {
  return useQuery({ queryKey: trustKeys.notices, queryFn: ({ signal }) => apiFetch<ListNoticesResponse>("/api/trust/notices", { signal }) });
}
