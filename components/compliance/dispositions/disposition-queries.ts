"use client";
// react-query keys and fetchers for the district's disposition requests and the filing form's options.
import { useQuery } from "@tanstack/react-query";
import type { DispositionOptionsResponse, ListDispositionsResponse } from "@/contracts/disposition-api";
import { apiFetch } from "@/lib/client/api-fetch";
import { withQuery } from "@/lib/with-query";

export const dispositionKeys = {
  all: ["dispositions"] as const,
  page: (page: number, pageSize: number, search: string) => ["dispositions", page, pageSize, search] as const,
  options: (tenantId: string) => ["disposition-options", tenantId] as const,
};

export function useDispositions(page: number, pageSize: number, search = "") {
  return useQuery({
    queryKey: dispositionKeys.page(page, pageSize, search),
    queryFn: ({ signal }) => apiFetch<ListDispositionsResponse>(withQuery("/api/dispositions", { page, pageSize, search: search || undefined }), { signal }),
  });
}

export function useDispositionOptions(tenantId: string) {
  return useQuery({
    queryKey: dispositionKeys.options(tenantId),
    queryFn: ({ signal }) => apiFetch<DispositionOptionsResponse>(withQuery("/api/dispositions/options", { tenantId }), { signal }),
  });
}
