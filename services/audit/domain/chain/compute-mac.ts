// The chain link: each stored event's MAC covers the previous MAC, its own position and receipt time
// and its canonical JSON, so changing, removing or reordering any stored event breaks the chain there.
import { createHmac } from "node:crypto";

/** The prevMac of the first event (seq 1). */
export const genesisMac = "0".repeat(64);

export type ChainLink = { seq: bigint; receivedAt: Date; canonical: string; prevMac: string };

/** HMAC-SHA256(chainKey, prevMac \n seq \n receivedAt \n canonical), hex. */
export function computeMac(chainKey: Buffer, link: ChainLink): string {
  return createHmac("sha256", chainKey)
    .update(`${link.prevMac}\n${link.seq.toString()}\n${link.receivedAt.toISOString()}\n`)
    .update(link.canonical)
    .digest("hex");
}
