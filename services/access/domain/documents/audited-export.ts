// What a download is made of and how it is audited. An export streams as chunks that say how many rows
// (table rows, audit events) each carries; when the download ends, one event records who took which export
// with which filters, how many rows were handed to the connection, and whether it finished (`complete:
// false`: the client went away or the source failed mid-stream; outcome failure, so the sentence says so).
// The search text stays out, as in every export: a person may have pasted anything into it, a secret
// included; only whether there was one is kept.
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";

/** A piece of a download and how many rows it holds (0 for a header or a closing bracket). */
export type DownloadChunk = { text: string; rows: number };
/** How a download ended: rows handed to the connection, and whether every one of them was. */
export type DownloadEnd = { rows: number; complete: boolean };

/** The query fields that carry typed search text (never recorded). */
const searchFields = new Set(["search", "q"]);

export type ExportSubject = {
  /** The area's export action ("license.export"). */
  action: string;
  /** Which table or log ("licenses", "tokens" of the Tokens area, "license-tokens" of one license, "audit-log"). */
  table: string;
  format: "csv" | "json" | "segment";
  filters: Record<string, unknown>;
  /** The record exported from (a license's tokens: the license), else none. */
  target?: { type: string; id: string } | null;
  /** Whose log it goes in: the target's tenant, else the person's own (none for a platform administrator). */
  tenantId?: string | null;
};

/** The event recorded as `subject`'s download ends; written in the outbox before the download's last byte. */
export function exportAudit(ctx: AccessContext, actor: Actor, meta: RequestMeta, subject: ExportSubject): (end: DownloadEnd) => Promise<void> {
  const filters = Object.fromEntries(Object.entries(subject.filters).filter(([key, value]) => value !== undefined && !searchFields.has(key)));
  const searched = [...searchFields].some((key) => subject.filters[key] !== undefined && subject.filters[key] !== "");
  return async (end) => {
    await recordEvent(ctx.prisma, {
      action: subject.action,
      outcome: end.complete ? "success" : "failure",
      actor: auditActor(actor),
      target: subject.target ?? null,
      tenantId: subject.tenantId !== undefined ? subject.tenantId : actor.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { table: subject.table, format: subject.format, filters, searched, rows: end.rows, complete: end.complete },
    });
  };
}
