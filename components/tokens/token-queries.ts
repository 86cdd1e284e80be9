"use client";
// react-query keys, fetchers and actions for tokens, shared by a license's tokens section and the token page.
import { useQuery } from "@tanstack/react-query";
import type {
  CreateTokenRequest,
  CreateTokenResponse,
  GetTokenResponse,
  LicenseTokenUsageResponse,
  ListAllTokensQuery,
  ListAllTokensResponse,
  PersonRevokeReason,
  ListTokensQuery,
  ListTokensResponse,
  TokenDto,
  TokenUsageResponse,
  UsageRange,
} from "@/contracts/token-api";
import type { LookupTokenResponse } from "@/contracts/token-leak-api";
import { apiFetch } from "@/lib/client/api-fetch";
import { seg, withQuery } from "@/lib/with-query";

export const tokenKeys = {
  all: ["tokens"] as const,
  list: (licenseId: string, q: ListTokensQuery) => ["tokens", "list", licenseId, q] as const,
  across: (q: ListAllTokensQuery) => ["tokens", "across", q] as const,
  one: (id: string) => ["tokens", "one", id] as const,
  usage: (id: string, range: UsageRange) => ["tokens", "usage", id, range] as const,
  licenseUsage: (licenseId: string, range: UsageRange) => ["tokens", "license-usage", licenseId, range] as const,
};

export function useTokenList(licenseId: string, query: ListTokensQuery) {
  return useQuery({
    queryKey: tokenKeys.list(licenseId, query),
    queryFn: ({ signal }) => apiFetch<ListTokensResponse>(withQuery(`/api/licenses/${seg(licenseId)}/tokens`, query), { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useToken(id: string) {
  return useQuery({
    queryKey: tokenKeys.one(id),
    queryFn: ({ signal }) => apiFetch<GetTokenResponse>(`/api/tokens/${seg(id)}`, { signal }).then((r) => r.token),
  });
}

/** A token's usage chart; the previous range stays on screen while the next one loads. */
export function useTokenUsage(id: string, range: UsageRange) {
  return useQuery({
    queryKey: tokenKeys.usage(id, range),
    queryFn: ({ signal }) => apiFetch<TokenUsageResponse>(withQuery(`/api/tokens/${seg(id)}/usage`, { range }), { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useLicenseTokenUsage(licenseId: string, range: UsageRange) {
  return useQuery({
    queryKey: tokenKeys.licenseUsage(licenseId, range),
    queryFn: ({ signal }) => apiFetch<LicenseTokenUsageResponse>(withQuery(`/api/licenses/${seg(licenseId)}/token-usage`, { range }), { signal }),
    placeholderData: (previous) => previous,
  });
}

// Secrets in the answers below are handed to the caller once and never put in the query cache.

export function createToken(licenseId: string, body: CreateTokenRequest) {
  return apiFetch<CreateTokenResponse>(`/api/licenses/${seg(licenseId)}/tokens`, { method: "POST", body });
}

export function rotateToken(id: string, body: { graceHours: number; expiresInHours?: number }) {
  return apiFetch<CreateTokenResponse>(`/api/tokens/${seg(id)}/rotate`, { method: "POST", body });
}

export function revokeToken(id: string, reason: PersonRevokeReason = "revoked") {
  return apiFetch<GetTokenResponse>(`/api/tokens/${seg(id)}/revoke`, { method: "POST", body: { reason } }).then((r) => r.token);
}

/** Every token the person may see across licenses (the Tokens area). */
export function useAllTokens(query: ListAllTokensQuery) {
  return useQuery({
    queryKey: tokenKeys.across(query),
    queryFn: ({ signal }) => apiFetch<ListAllTokensResponse>(withQuery("/api/tokens", query), { signal }),
    placeholderData: (previous) => previous,
  });
}

/** A platform administrator's lookup of a pasted token or prefix: a POST, so the text is never in an address or the query cache. */
export function lookupToken(value: string) {
  return apiFetch<LookupTokenResponse>("/api/tokens/lookup", { method: "POST", body: { value } });
}

export function revokeAllTokens(licenseId: string) {
  return apiFetch<{ revoked: number }>(`/api/licenses/${seg(licenseId)}/tokens/revoke-all`, { method: "POST" });
}

/** Whether a token can still be rotated or revoked (an expired or revoked one is over). */
export const isLive = (t: TokenDto) => t.status === "active";
