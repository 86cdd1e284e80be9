import "server-only";
// The record of disclosures for the person signed in: its pages, the chart's counts, and an export as the
// bytes of its file. Query strings are rebuilt from the parsed filters, never passed through.
import {
  disclosureActivityResponse,
  exportDisclosuresResponse,
  listDisclosuresResponse,
  type DisclosureActivityResponse,
  type DisclosureFilters,
  type ListDisclosuresQuery,
} from "@/contracts/disclosure-api";
import { z } from "zod";
import { accessRequest } from "./access-client";

const listResponse = listDisclosuresResponse.extend({ tenant: z.object({ id: z.string(), name: z.string() }) });
export type DisclosureList = z.infer<typeof listResponse>;

const queryOf = (q: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(q).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();

export function listDisclosures(bearer: string, query: ListDisclosuresQuery): Promise<DisclosureList> {
  return accessRequest("GET", `/v1/disclosures?${queryOf(query)}`, { bearer, schema: listResponse });
}

export function disclosureActivity(bearer: string, filters: DisclosureFilters): Promise<DisclosureActivityResponse> {
  return accessRequest("GET", `/v1/disclosures/activity?${queryOf(filters)}`, { bearer, schema: disclosureActivityResponse });
}

export async function exportDisclosures(bearer: string, query: DisclosureFilters & { format: "csv" | "pdf" }): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  const res = await accessRequest("GET", `/v1/disclosures/export?${queryOf(query)}`, { bearer, schema: exportDisclosuresResponse });
  return { filename: res.filename, contentType: res.contentType, bytes: Buffer.from(res.base64, "base64") };
}
