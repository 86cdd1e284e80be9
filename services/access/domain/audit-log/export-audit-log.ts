// The viewer's filtered selection as a download, streamed a page at a time so memory stays one page
// whatever the size: CSV (csv.ts), JSON (one object, its events an array), or a chain segment anyone
// can verify offline (contracts/audit-segment.ts: the selected events in full, all others between the
// two signed checkpoints as digests, so a tenant's segment shows nothing of another tenant's events).
// Each chunk says how many events it carries, so the download's audit (audit.export, recorded by the route
// as the download ends: routes/send-download.ts) can say how many were taken and whether all of them were.
import { listEventsResponse, type EventFilter } from "../../../../contracts/audit-api";
import { segmentBounds, segmentChunks, segmentEntriesResponse, type SegmentEntry } from "../../../../contracts/audit-segment";
import type { AuditLogEntry } from "../../../../contracts/audit-log-api";
import { z } from "zod";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import type { DownloadChunk } from "../documents/audited-export";
import { csvRow } from "../documents/csv";
import { describeEvents } from "./list-audit-log";
import { queryString, readAudit } from "./read-audit";
import { scopedFilter } from "./scoped-filter";

export type ExportFormat = "csv" | "json" | "segment";
const pageSize = 200;
const noTenant = "ten_ (none)";

export const exportFiles: Record<ExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  json: { contentType: "application/json; charset=utf-8", extension: "json" },
  segment: { contentType: "application/json; charset=utf-8", extension: "segment.json" },
};

/** The download's chunks, and the selection as scoped for this person (what its audit event records). */
export function exportAuditLog(ctx: AccessContext, actor: Actor, format: ExportFormat, requested: EventFilter): { chunks: AsyncGenerator<DownloadChunk>; selection: Record<string, unknown> } {
  const { filter, empty } = scopedFilter(actor, requested);
  const selection = Object.fromEntries(Object.entries(empty ? requested : filter).filter(([, v]) => v !== undefined));
  // Another tenant's selection is empty: its segment holds no event (a tenant id no tenant has selects none).
  if (format === "segment") return { chunks: segmentExport(ctx, empty ? { ...filter, tenantId: noTenant } : filter, selection), selection };
  const entries = empty ? emptyPages() : describedPages(ctx, filter);
  return { chunks: format === "csv" ? csvExport(entries) : jsonExport(entries, selection, ctx.now()), selection };
}

async function* emptyPages(): AsyncGenerator<AuditLogEntry[]> {}

async function* describedPages(ctx: AccessContext, filter: EventFilter): AsyncGenerator<AuditLogEntry[]> {
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await readAudit(ctx, `/v1/events?${queryString({ ...filter, limit: pageSize, beforeSeq })}`, listEventsResponse);
    yield await describeEvents(ctx, page.events);
    if (page.nextBeforeSeq === null) return;
    beforeSeq = page.nextBeforeSeq;
  }
}

const csvHeader = ["Time (UTC)", "Event", "Actor", "Actor id", "Action", "Outcome", "Target type", "Target", "Target id", "Tenant", "Tenant id", "Source address", "Request id", "Seq", "Event id"];

async function* csvExport(pages: AsyncGenerator<AuditLogEntry[]>): AsyncGenerator<DownloadChunk> {
  yield { text: csvRow(csvHeader), rows: 0 };
  for await (const page of pages) {
    const text = page
      .map((e) => csvRow([e.occurredAt, e.sentence, e.actor.name, e.actor.id, e.action, e.outcome, e.target?.type, e.target?.name, e.target?.id, e.tenant?.name, e.tenant?.id, e.sourceIp, e.requestId, e.seq, e.id]))
      .join("");
    yield { text, rows: page.length };
  }
}

async function* jsonExport(pages: AsyncGenerator<AuditLogEntry[]>, selection: Record<string, unknown>, now: Date): AsyncGenerator<DownloadChunk> {
  yield { text: `{"exportedAt":${JSON.stringify(now.toISOString())},"selection":${JSON.stringify(selection)},"events":[`, rows: 0 };
  let first = true;
  for await (const page of pages) {
    for (const e of page) {
      yield { text: `${first ? "\n" : ",\n"}${JSON.stringify(e)}`, rows: 1 };
      first = false;
    }
  }
  yield { text: "\n]}\n", rows: 0 };
}

const isFullEvent = (entry: SegmentEntry) => "canonical" in entry;

const checkpointResponse = z.object({ checkpoint: z.string().nullable(), publicKey: z.object({ kid: z.string() }) });

/** A segment's rows are its selected events, given in full (the others between the checkpoints are digests). */
async function* segmentExport(ctx: AccessContext, filter: EventFilter, selection: Record<string, unknown>): AsyncGenerator<DownloadChunk> {
  const [bounds, key] = await Promise.all([
    readAudit(ctx, `/v1/chain/segment/bounds?${queryString(filter)}`, segmentBounds),
    readAudit(ctx, "/v1/chain/checkpoint", checkpointResponse),
  ]);
  // segmentChunks writes each page as it reads it, so the events read since the last chunk are that chunk's.
  let read = 0;
  async function* pages(): AsyncGenerator<SegmentEntry[]> {
    let fromSeq: number | null = bounds.fromSeq;
    while (fromSeq !== null && fromSeq <= bounds.toSeq) {
      const page: z.infer<typeof segmentEntriesResponse> = await readAudit(ctx, `/v1/chain/segment/entries?${queryString({ ...filter, fromSeq, toSeq: bounds.toSeq, limit: 1000 })}`, segmentEntriesResponse);
      read += page.entries.filter(isFullEvent).length;
      yield page.entries;
      fromSeq = page.nextFromSeq;
    }
  }
  let counted = 0;
  for await (const text of segmentChunks({ exportedAt: ctx.now().toISOString(), selection, publicKeyKid: key.publicKey.kid, bounds }, pages())) {
    yield { text, rows: read - counted };
    counted = read;
  }
}
