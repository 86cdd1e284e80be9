// The public hash chain that checkpoints sign. The MAC chain needs the secret chain key to check; this
// one needs nothing: chainHash(n) = SHA-256(chainHash(n-1) ‖ SHA-256(event n as stored)), from 32 zero
// bytes, over everything the MAC covers plus the MAC. So a segment of events between two signed
// checkpoints can be checked offline by anyone with the checkpoint public key: fold the segment from
// the first checkpoint's chainHash and compare with the second's. The event digest has one home,
// contracts/audit-segment.ts, which the offline segment verifier uses too.
import { createHash } from "node:crypto";
import { eventDigest } from "../../../../contracts/audit-segment";
import type { ChainLink } from "./compute-mac";

export const genesisChainHash = "0".repeat(64);

export function nextChainHash(previous: string, link: ChainLink & { mac: string }): string {
  const event = eventDigest({ seq: link.seq, receivedAt: link.receivedAt.toISOString(), prevMac: link.prevMac, mac: link.mac, canonical: link.canonical });
  return createHash("sha256").update(Buffer.from(previous, "hex")).update(Buffer.from(event, "hex")).digest("hex");
}
