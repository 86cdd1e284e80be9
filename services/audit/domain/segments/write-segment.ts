// Writes the chain segment of a selection to a file on the audit host (`tessera audit export`), a page
// at a time, so memory stays one page whatever the selection: the same filters as the console's, the
// same format and writer (contracts/audit-segment.ts) as the console's download.
import fs from "node:fs";
import { once } from "node:events";
import { eventFilter } from "../../../../contracts/audit-api";
import { segmentChunks, type SegmentBounds } from "../../../../contracts/audit-segment";
import type { AuditPrisma } from "../../db/prisma";
import { filterOf } from "../events/event-where";
import { segmentBounds, segmentPages } from "./chain-segment";

export type FilterInput = { action?: string; tenantId?: string; actorId?: string; targetId?: string; targetType?: string; from?: string; to?: string; q?: string };

/** The filter, or why it is not one (per field, in words for a person). */
export function parseSegmentFilter(input: FilterInput): { ok: true; filter: FilterInput } | { ok: false; message: string } {
  const parsed = eventFilter.safeParse(input);
  if (!parsed.success) return { ok: false, message: `Those filters are not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  return { ok: true, filter: filterOf(parsed.data) };
}

export async function writeSegmentFile(prisma: AuditPrisma, o: { checkpointFile: string; filter: FilterInput; out: string; publicKeyKid: string | null; now?: Date }): Promise<SegmentBounds> {
  const bounds = await segmentBounds(prisma, o.checkpointFile, o.filter);
  const file = fs.createWriteStream(o.out, { mode: 0o600 });
  const selection = Object.fromEntries(Object.entries(o.filter).filter(([, value]) => value !== undefined));
  for await (const chunk of segmentChunks({ exportedAt: (o.now ?? new Date()).toISOString(), selection, publicKeyKid: o.publicKeyKid, bounds }, segmentPages(prisma, o.filter, bounds))) {
    if (!file.write(chunk)) await once(file, "drain");
  }
  file.end();
  await once(file, "finish");
  return bounds;
}
