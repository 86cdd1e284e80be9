"use client";
// react-query keys, fetcher and actions for a license's OAuth clients.
import { useQuery } from "@tanstack/react-query";
import type { RegisterOAuthClientRequest } from "@/contracts/oauth-api";
import { apiFetch } from "@/lib/client/api-fetch";
import type { OAuthClientList, OAuthClientView } from "@/lib/views/oauth-client-view";
import { seg } from "@/lib/with-query";

export const oauthClientKeys = {
  all: ["oauth-clients"] as const,
  list: (licenseId: string) => ["oauth-clients", "list", licenseId] as const,
};

export function useOAuthClients(licenseId: string) {
  return useQuery({
    queryKey: oauthClientKeys.list(licenseId),
    queryFn: ({ signal }) => apiFetch<OAuthClientList>(`/api/licenses/${seg(licenseId)}/oauth-clients`, { signal }),
  });
}

export function registerOAuthClient(licenseId: string, body: RegisterOAuthClientRequest) {
  return apiFetch<{ client: OAuthClientView }>(`/api/licenses/${seg(licenseId)}/oauth-clients`, { method: "POST", body }).then((r) => r.client);
}

export function revokeOAuthClient(id: string) {
  return apiFetch<{ client: OAuthClientView; revokedTokens: number }>(`/api/oauth-clients/${seg(id)}/revoke`, { method: "POST" });
}
