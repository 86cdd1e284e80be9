"use client";
// react-query keys and fetchers for the audit log: a page of events, the chain's status, verifying now.
import { useQuery } from "@tanstack/react-query";
import type { AuditLogResponse, ChainStatus } from "@/contracts/audit-log-api";
import { apiFetch } from "@/lib/client/api-fetch";
import { withQuery } from "@/lib/with-query";

/** The filters as the API takes them (empty strings are left out of the query). */
export type AuditFilters = { q: string; action: string; actorId: string; targetId: string; tenantId: string; from: string; to: string };
export const noFilters: AuditFilters = { q: "", action: "", actorId: "", targetId: "", tenantId: "", from: "", to: "" };

export const auditKeys = {
  all: ["audit"] as const,
  list: (filters: AuditFilters, limit: number, beforeSeq: string | undefined) => ["audit", "list", filters, limit, beforeSeq] as const,
  status: ["audit", "chain-status"] as const,
};

export function useAuditLog(filters: AuditFilters, limit: number, beforeSeq: string | undefined) {
  return useQuery({
    queryKey: auditKeys.list(filters, limit, beforeSeq),
    queryFn: ({ signal }) => apiFetch<AuditLogResponse>(withQuery("/api/audit/events", { ...filters, limit, beforeSeq }), { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useChainStatus() {
  return useQuery({ queryKey: auditKeys.status, queryFn: ({ signal }) => apiFetch<ChainStatus>("/api/audit/chain-status", { signal }) });
}

export function verifyChainNow() {
  return apiFetch<{ ok: boolean; count: number; firstBrokenSeq: number | null }>("/api/audit/chain/verify", { method: "POST" });
}

/** The download link of the current selection in a format. */
export function exportHref(format: "csv" | "json" | "segment", filters: AuditFilters): string {
  return withQuery("/api/audit/export", { format, ...filters });
}
