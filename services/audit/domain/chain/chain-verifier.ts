// Walks stored events in seq order and remembers the first one that does not fit the chain.
import { isLinkIntact, type ChainCursor, type StoredLink } from "./check-link";

export type ChainVerdict = { ok: boolean; count: number; firstBrokenSeq: number | null };

export function createChainVerifier(chainKey: Buffer) {
  let previous: ChainCursor = null;
  let count = 0;
  let firstBrokenSeq: number | null = null;
  return {
    add(link: StoredLink): void {
      count += 1;
      if (firstBrokenSeq === null && !isLinkIntact(chainKey, previous, link)) firstBrokenSeq = Number(link.seq);
      // Carry the stored MAC forward so that one tampered event is reported at its own seq.
      previous = { seq: link.seq, mac: link.mac };
    },
    verdict(): ChainVerdict {
      return { ok: firstBrokenSeq === null, count, firstBrokenSeq };
    },
  };
}
