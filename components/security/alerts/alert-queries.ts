"use client";
// react-query keys, fetchers and actions of the Security alerts page.
import { useQuery } from "@tanstack/react-query";
import type { ListSecurityAlertsQuery, ListSecurityAlertsResponse, ResponseKind, SecurityAlertDto } from "@/contracts/security-alert-api";
import { apiFetch } from "@/lib/client/api-fetch";
import { seg, withQuery } from "@/lib/with-query";

export const alertKeys = {
  all: ["security-alerts"] as const,
  list: (q: Partial<ListSecurityAlertsQuery>) => ["security-alerts", "list", q] as const,
  one: (id: string) => ["security-alerts", "one", id] as const,
};

export function useAlerts(query: Partial<ListSecurityAlertsQuery>) {
  return useQuery({
    queryKey: alertKeys.list(query),
    queryFn: ({ signal }) => apiFetch<ListSecurityAlertsResponse>(withQuery("/api/security/alerts", query), { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useAlert(id: string | null) {
  return useQuery({
    queryKey: alertKeys.one(id ?? ""),
    queryFn: ({ signal }) => apiFetch<{ alert: SecurityAlertDto }>(`/api/security/alerts/${seg(id ?? "")}`, { signal }).then((r) => r.alert),
    enabled: id !== null,
  });
}

export const applyResponse = (id: string, kind: ResponseKind) => apiFetch<{ alert: SecurityAlertDto }>(`/api/security/alerts/${seg(id)}/responses`, { method: "POST", body: { kind } });
export const reverseResponse = (id: string, responseId: string) => apiFetch<{ alert: SecurityAlertDto }>(`/api/security/alerts/${seg(id)}/responses/${seg(responseId)}/reverse`, { method: "POST" });
export const decideAlert = (id: string, decision: "not_anomaly" | "resolved") => apiFetch<{ alert: SecurityAlertDto }>(`/api/security/alerts/${seg(id)}/decision`, { method: "POST", body: { decision } });
