// The record of disclosures as a file a district files: CSV (every field, formula-safe) or PDF (through
// the one renderer, documents/pdf-document.ts), of the filtered selection, newest first, up to
// maxExportRows lines (the file says when more matched). Exporting is itself audited.
import { maxExportRows, type DisclosureFilters, type DisclosureRecord, type ExportDisclosuresResponse } from "../../../../contracts/disclosure-api";
import { stepUpAuditData } from "../mfa/step-up";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { renderPdf } from "../documents/pdf-document";
import { toCsv } from "../documents/csv";
import { readRecordPage, recordTenantOf } from "./read-record";

const pageSize = 1_000;

export async function exportRecord(ctx: AccessContext, actor: Actor, query: DisclosureFilters & { format: "csv" | "pdf" }, meta: RequestMeta): Promise<ExportDisclosuresResponse> {
  const { format, ...filters } = query;
  const tenant = await recordTenantOf(ctx, actor, filters.tenantId);
  const cap = maxExportRows[format];
  const records: DisclosureRecord[] = [];
  let cursor: string | undefined;
  let truncated = false;
  for (;;) {
    const page = await readRecordPage(ctx, tenant.id, { ...filters, limit: Math.min(pageSize, cap - records.length + 1), ...(cursor ? { cursor } : {}) });
    records.push(...page.records);
    if (records.length > cap) {
      truncated = true;
      records.length = cap;
      break;
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const now = ctx.now();
  const stamp = now.toISOString().slice(0, 10);
  const filename = `disclosures-${tenant.id}-${stamp}.${format}`;
  const bytes = format === "csv" ? Buffer.from(toCsv(csvHeader, records.map(csvRow)), "utf8") : await renderPdf(pdfSpec(tenant.name, filters, records, truncated, now), now);
  await recordEvent(ctx.prisma, {
    action: "disclosure.export",
    outcome: "success",
    actor: auditActor(actor),
    target: { type: "tenant", id: tenant.id },
    tenantId: tenant.id,
    sourceIp: meta.sourceIp,
    requestId: meta.requestId,
    data: { format, rows: records.length, truncated, ...stepUpAuditData(meta), filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) },
  });
  return { filename, contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/pdf", base64: bytes.toString("base64"), rows: records.length, truncated };
}

const csvHeader = ["occurred_at", "kind", "component", "party", "legitimate_interest", "category", "student_ids", "credential_type", "credential_id", "client_id", "person_id", "scopes", "count", "report_id", "audit_event_id", "audit_seq"];

function csvRow(r: DisclosureRecord): string[] {
  return [r.occurredAt, r.kind, r.component, r.party, r.legitimateInterest ?? "", r.category ?? "", r.studentIds.join(" "), r.credential?.type ?? "", r.credential?.id ?? "", r.clientId ?? "", r.personId ?? "", r.scopes.join(" "), String(r.count), r.reportId ?? "", r.eventId, String(r.seq)];
}

/** Who held the credential, in words. */
export function holderOf(r: DisclosureRecord): string {
  if (r.kind === "report") return r.party;
  if (r.clientId) return `OAuth client ${r.clientId}`;
  if (r.personId) return `token made by ${r.personId}`;
  return r.credential ? `${r.credential.type} ${r.credential.id}` : "";
}

function pdfSpec(tenantName: string, filters: DisclosureFilters, records: DisclosureRecord[], truncated: boolean, now: Date) {
  const shown = Object.entries(filters).filter(([k, v]) => v !== undefined && k !== "tenantId").map(([k, v]) => `${k} ${String(v)}`);
  return {
    title: `Record of disclosures: ${tenantName}`,
    subtitle: [
      "34 CFR 99.32: disclosures reported by components, and accesses through credentials Tessera issued.",
      `Filters: ${shown.length ? shown.join(", ") : "none"}. ${records.length} lines${truncated ? ` (the first ${records.length}; more matched: narrow the filters)` : ""}.`,
      `Generated ${now.toISOString()}. Each line cites its audit event (seq), verifiable in the audit chain.`,
    ],
    footer: `Tessera · ${tenantName} · ${now.toISOString().slice(0, 16)}Z`,
    sections: [
      {
        heading: "Disclosures and accesses",
        blocks: records.length
          ? [{
              table: {
                columns: ["When (UTC)", "Component", "Party / holder", "Legitimate interest", "Records", "Seq"],
                widths: [2.2, 1.6, 2, 3, 2.6, 0.8],
                rows: records.map((r) => [
                  r.occurredAt.slice(0, 16).replace("T", " "),
                  r.component,
                  holderOf(r),
                  r.legitimateInterest ?? "not declared",
                  r.kind === "report" ? `${r.category ?? ""}: ${r.studentIds.length} student(s) ${r.studentIds.slice(0, 5).join(" ")}${r.studentIds.length > 5 ? " …" : ""}` : `${r.count} access(es), ${r.scopes.join(" ")}`,
                  String(r.seq),
                ]),
              },
            }]
          : [{ paragraph: "No disclosure or access matches these filters." }],
      },
    ],
  };
}
