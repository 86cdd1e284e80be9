// The viewer's filtered selection as a download, streamed a page at a time so memory stays one page
// whatever the size: CSV (csv.ts), JSON (one object, its events an array), or a chain segment anyone
// can verify offline (contracts/audit-segment.ts: the selected events in full, all others between the
// two signed checkpoints as digests, so a tenant's segment shows nothing of another tenant's events).
import { listEventsResponse, type EventFilter } from "../../../../contracts/audit-api";
import { segmentBounds, segmentChunks, segmentEntriesResponse, type SegmentEntry } from "../../../../contracts/audit-segment";
import type { AuditLogEntry } from "../../../../contracts/audit-log-api";
import { z } from "zod";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
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

/** An export is itself audited (audit.export: who took which selection in which format), before it starts. */
export async function exportAuditLog(ctx: AccessContext, actor: Actor, format: ExportFormat, requested: EventFilter, meta: RequestMeta): Promise<AsyncGenerator<string>> {
  const { filter, empty } = scopedFilter(actor, requested);
  const selection = Object.fromEntries(Object.entries(empty ? requested : filter).filter(([, v]) => v !== undefined));
  await recordEvent(ctx.prisma, {
    action: "audit.export",
    outcome: "success",
    actor: auditActor(actor),
    target: null,
    tenantId: actor.tenantId,
    sourceIp: meta.sourceIp,
    requestId: meta.requestId,
    // The search text stays out: a person may have pasted anything into it, a secret included.
    data: { format, selection: Object.fromEntries(Object.entries(selection).filter(([key]) => key !== "q")), searched: selection.q !== undefined },
  });
  // Another tenant's selection is empty: its segment holds no event (a tenant id no tenant has selects none).
  if (format === "segment") return segmentExport(ctx, empty ? { ...filter, tenantId: noTenant } : filter, selection);
  const entries = empty ? emptyPages() : describedPages(ctx, filter);
  return format === "csv" ? csvExport(entries) : jsonExport(entries, selection, ctx.now());
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

async function* csvExport(pages: AsyncGenerator<AuditLogEntry[]>): AsyncGenerator<string> {
  yield csvRow(csvHeader);
  for await (const page of pages) {
    yield page
      .map((e) => csvRow([e.occurredAt, e.sentence, e.actor.name, e.actor.id, e.action, e.outcome, e.target?.type, e.target?.name, e.target?.id, e.tenant?.name, e.tenant?.id, e.sourceIp, e.requestId, e.seq, e.id]))
      .join("");
  }
}

async function* jsonExport(pages: AsyncGenerator<AuditLogEntry[]>, selection: Record<string, unknown>, now: Date): AsyncGenerator<string> {
  yield `{"exportedAt":${JSON.stringify(now.toISOString())},"selection":${JSON.stringify(selection)},"events":[`;
  let first = true;
  for await (const page of pages) {
    for (const e of page) {
      yield `${first ? "\n" : ",\n"}${JSON.stringify(e)}`;
      first = false;
    }
  }
  yield "\n]}\n";
}

const checkpointResponse = z.object({ checkpoint: z.string().nullable(), publicKey: z.object({ kid: z.string() }) });

async function* segmentExport(ctx: AccessContext, filter: EventFilter, selection: Record<string, unknown>): AsyncGenerator<string> {
  const [bounds, key] = await Promise.all([
    readAudit(ctx, `/v1/chain/segment/bounds?${queryString(filter)}`, segmentBounds),
    readAudit(ctx, "/v1/chain/checkpoint", checkpointResponse),
  ]);
  async function* pages(): AsyncGenerator<SegmentEntry[]> {
    let fromSeq: number | null = bounds.fromSeq;
    while (fromSeq !== null && fromSeq <= bounds.toSeq) {
      const page: z.infer<typeof segmentEntriesResponse> = await readAudit(ctx, `/v1/chain/segment/entries?${queryString({ ...filter, fromSeq, toSeq: bounds.toSeq, limit: 1000 })}`, segmentEntriesResponse);
      yield page.entries;
      fromSeq = page.nextFromSeq;
    }
  }
  yield* segmentChunks({ exportedAt: ctx.now().toISOString(), selection, publicKeyKid: key.publicKey.kid, bounds }, pages());
}
