// Checks a chain segment file (contracts/audit-segment.ts) offline, with the published checkpoint public
// key alone: both checkpoints signed by it, the entries' seqs consecutive between them, each full entry
// linked to the one before (prevMac), and the digests folding from the start checkpoint's chainHash to
// the end's. Every failure names what is wrong. No database, no chain key.
import { createHash, createPublicKey, verify as verifySignature } from "node:crypto";
import { z } from "zod";
import { segmentEntry, segmentFile } from "../../../../contracts/audit-segment";
import { eventDigest } from "../chain/chain-hash";

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const genesisHash = "0".repeat(64);
const checkpointPayload = z.object({ v: z.literal(1), seq: z.number().int().nonnegative(), mac: hex64, chainHash: hex64, at: z.iso.datetime() });
type Checkpoint = z.infer<typeof checkpointPayload>;

export type SegmentVerdict =
  | { ok: true; fromSeq: number; toSeq: number; full: number; digests: number; startAt: string | null; endAt: string; selection: Record<string, unknown> }
  | { ok: false; problem: string };

/** Checks a segment file's text against the published public key (JWK). Every failure names what is wrong. */
export function verifySegment(text: string, publicJwk: { kty?: string; crv?: string; x?: string }): SegmentVerdict {
  const fail = (problem: string): SegmentVerdict => ({ ok: false, problem });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail("the file is not whole JSON (cut short, or edited by hand)");
  }
  const file = segmentFile.safeParse(parsed);
  if (!file.success) return fail("the file is not a Tessera audit segment");
  const { start: startJws, end: endJws, entries } = file.data;
  if (!endJws) return fail("the segment has no end checkpoint");
  const end = checkpointOf(endJws, publicJwk);
  if (typeof end === "string") return fail(`the end checkpoint ${end}`);
  const start: Checkpoint | string = startJws ? checkpointOf(startJws, publicJwk) : { v: 1, seq: 0, mac: genesisHash, chainHash: genesisHash, at: new Date(0).toISOString() };
  if (typeof start === "string") return fail(`the start checkpoint ${start}`);
  if (end.seq < start.seq) return fail("the end checkpoint comes before the start checkpoint");

  let hash = start.chainHash;
  let expectedSeq = start.seq + 1;
  let previousMac: string | null = start.mac;
  let full = 0;
  for (const raw of entries) {
    const entry = segmentEntry.safeParse(raw);
    if (!entry.success) return fail(`the entry after seq ${expectedSeq - 1} is malformed`);
    const e = entry.data;
    if (e.seq !== expectedSeq) return fail(e.seq < expectedSeq ? `event ${e.seq} is out of order (expected ${expectedSeq})` : `event ${expectedSeq} is missing (the next entry is ${e.seq})`);
    if ("digest" in e) {
      hash = fold(hash, e.digest);
      previousMac = null;
    } else {
      if (previousMac !== null && e.prevMac !== previousMac) return fail(`event ${e.seq} does not follow event ${e.seq - 1} (its prevMac differs)`);
      hash = fold(hash, eventDigest(e));
      previousMac = e.mac;
      full += 1;
    }
    expectedSeq += 1;
  }
  if (expectedSeq - 1 < end.seq) return fail(`the segment stops at event ${expectedSeq - 1}, but its end checkpoint anchors event ${end.seq}: events ${expectedSeq}–${end.seq} are missing (truncated)`);
  if (expectedSeq - 1 > end.seq) return fail(`the segment holds events after ${end.seq}, which its end checkpoint anchors`);
  if (previousMac !== null && previousMac !== end.mac) return fail(`event ${end.seq} is not the one the end checkpoint anchors`);
  if (hash !== end.chainHash) return fail("the events do not fold to the end checkpoint's chain hash: an event was changed, removed or reordered");
  return { ok: true, fromSeq: start.seq + 1, toSeq: end.seq, full, digests: end.seq - start.seq - full, startAt: startJws ? start.at : null, endAt: end.at, selection: file.data.selection };
}

function fold(previous: string, digest: string): string {
  return createHash("sha256").update(Buffer.from(previous, "hex")).update(Buffer.from(digest, "hex")).digest("hex");
}

/** The payload of a checkpoint signed by the key, or what is wrong with it. */
function checkpointOf(jws: string, jwk: { kty?: string; crv?: string; x?: string }): Checkpoint | string {
  const [h, p, s] = jws.split(".");
  if (!h || !p || !s) return "is not a compact JWS";
  let ok = false;
  try {
    const header = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as { alg?: string; typ?: string };
    if (header.alg !== "EdDSA" || header.typ !== "tessera-audit-checkpoint+jws") return "is not a Tessera audit checkpoint";
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
    ok = verifySignature(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s, "base64url"));
  } catch {
    return "could not be checked (a malformed header or public key)";
  }
  if (!ok) return "is not signed by this public key (altered, or signed by another key)";
  const payload = checkpointPayload.safeParse(JSON.parse(Buffer.from(p, "base64url").toString("utf8")));
  return payload.success ? payload.data : "has an unexpected payload";
}
