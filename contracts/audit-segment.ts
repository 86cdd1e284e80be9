// A chain segment: the events of a selection, between two signed checkpoints, in a file anyone can check
// offline with the published checkpoint public key alone. The events of the selection are there in full
// (their stored form: seq, receivedAt, prevMac, mac, canonical JSON); every other event between the two
// checkpoints is there only as its event digest, the SHA-256 the public chain hash folds (chain-hash.ts),
// which reveals nothing of it (it covers a 256-bit MAC). Folding the digests from the first checkpoint's
// chainHash must give the second's: a changed, removed, reordered or truncated event does not. The
// shapes and the streaming writer live here (pure); the digest and the verifier, which hash, live in
// services/audit/domain/segments/verify-segment.ts.
import { z } from "zod";

export const segmentFormat = "tessera-audit-segment/1";
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const fullEntry = z.object({ seq: z.number().int().positive(), receivedAt: z.iso.datetime(), prevMac: hex64, mac: hex64, canonical: z.string() });
export const digestEntry = z.object({ seq: z.number().int().positive(), digest: hex64 });
export const segmentEntry = z.union([fullEntry, digestEntry]);
export type SegmentEntry = z.infer<typeof segmentEntry>;

/** Where a segment starts and ends: the checkpoints (compact JWS; null start = the chain's beginning) around the selection. */
export const segmentBounds = z.object({
  start: z.string().nullable(),
  end: z.string().nullable(),
  /** The entries are seq fromSeq … toSeq (none when fromSeq > toSeq). */
  fromSeq: z.number().int().positive(),
  toSeq: z.number().int().nonnegative(),
  /** Selected events newer than the newest checkpoint: not in the segment (export again once anchored). */
  unanchored: z.number().int().nonnegative(),
});
export type SegmentBounds = z.infer<typeof segmentBounds>;

export const segmentEntriesResponse = z.object({ entries: z.array(segmentEntry), nextFromSeq: z.number().int().nullable() });

export const segmentFile = z.object({
  format: z.literal(segmentFormat),
  exportedAt: z.string(),
  /** What was selected (informative: the checkpoints, not this, are what the verifier trusts). */
  selection: z.record(z.string(), z.unknown()),
  publicKeyKid: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  entries: z.array(z.unknown()),
});

/** Streams a segment file a piece at a time (header, one entry a line, end), so memory stays one page. */
export async function* segmentChunks(header: { exportedAt: string; selection: Record<string, unknown>; publicKeyKid: string | null; bounds: SegmentBounds }, pages: AsyncIterable<SegmentEntry[]>): AsyncGenerator<string> {
  const { start, end } = header.bounds;
  yield `{"format":${JSON.stringify(segmentFormat)},"exportedAt":${JSON.stringify(header.exportedAt)},"selection":${JSON.stringify(header.selection)},"publicKeyKid":${JSON.stringify(header.publicKeyKid)},\n"start":${JSON.stringify(start)},\n"end":${JSON.stringify(end)},\n"entries":[`;
  let first = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield `${first ? "\n" : ",\n"}${page.map((e) => JSON.stringify(e)).join(",\n")}`;
    first = false;
  }
  yield "\n]}\n";
}

