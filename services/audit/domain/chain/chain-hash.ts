// The public hash chain that checkpoints sign. The MAC chain needs the secret chain key to check; this
// one needs nothing: chainHash(n) = SHA-256(chainHash(n-1) ‖ SHA-256(event n as stored)), from 32 zero
// bytes, over everything the MAC covers plus the MAC. So a segment of events between two signed
// checkpoints can be checked offline by anyone with the checkpoint public key: fold the segment from
// the first checkpoint's chainHash and compare with the second's.
import { createHash } from "node:crypto";
import type { ChainLink } from "./compute-mac";

export const genesisChainHash = "0".repeat(64);

export function nextChainHash(previous: string, link: ChainLink & { mac: string }): string {
  const event = createHash("sha256")
    .update(`tessera-audit-event-v1\n${link.seq.toString()}\n${link.receivedAt.toISOString()}\n${link.prevMac}\n${link.mac}\n`)
    .update(link.canonical)
    .digest();
  return createHash("sha256").update(Buffer.from(previous, "hex")).update(event).digest("hex");
}
