// The public hash chain that checkpoints sign. The MAC chain needs the secret chain key to check; this
// one needs nothing: chainHash(n) = SHA-256(chainHash(n-1) ‖ SHA-256(event n as stored)), from 32 zero
// bytes, over everything the MAC covers plus the MAC. So a segment of events between two signed
// checkpoints can be checked offline by anyone with the checkpoint public key: fold the segment from
// the first checkpoint's chainHash and compare with the second's (segments/verify-segment.ts).
import { createHash } from "node:crypto";
import type { ChainLink } from "./compute-mac";

export const genesisChainHash = "0".repeat(64);

/** The digest chainHash folds for one stored event: all a segment shows of an event outside its selection. */
export function eventDigest(e: { seq: number | bigint; receivedAt: string; prevMac: string; mac: string; canonical: string }): string {
  return createHash("sha256").update(`tessera-audit-event-v1\n${e.seq.toString()}\n${e.receivedAt}\n${e.prevMac}\n${e.mac}\n`).update(e.canonical).digest("hex");
}

export function nextChainHash(previous: string, link: ChainLink & { mac: string }): string {
  const event = eventDigest({ seq: link.seq, receivedAt: link.receivedAt.toISOString(), prevMac: link.prevMac, mac: link.mac, canonical: link.canonical });
  return createHash("sha256").update(Buffer.from(previous, "hex")).update(Buffer.from(event, "hex")).digest("hex");
}
