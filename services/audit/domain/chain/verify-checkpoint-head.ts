// Verifies the chain up to its anchored head: every MAC (with the chain key) and, against the newest
// signed checkpoint, that the event it anchors is still there with the same MAC and public chain hash.
// A chain whose newest events were deleted still verifies link by link; only this check sees the loss.
import type { AuditPrisma } from "../../db/prisma";
import { genesisChainHash, nextChainHash } from "./chain-hash";
import { createChainVerifier, type ChainVerdict } from "./chain-verifier";
import type { CheckpointPayload } from "./checkpoint";

export type AnchorVerdict =
  | { state: "none" }
  | { state: "held"; checkpoint: CheckpointPayload; unanchored: number }
  | { state: "missing"; checkpoint: CheckpointPayload; firstMissingSeq: number; lastMissingSeq: number }
  | { state: "changed"; checkpoint: CheckpointPayload };

export type HeadVerdict = { ok: boolean; chain: ChainVerdict; anchor: AnchorVerdict };

const batchSize = 1000;

export async function verifyCheckpointHead(prisma: AuditPrisma, chainKey: Buffer, checkpoint: CheckpointPayload | null): Promise<HeadVerdict> {
  const verifier = createChainVerifier(chainKey);
  let chainHash = genesisChainHash;
  let atCheckpoint: { mac: string; chainHash: string } | null = checkpoint?.seq === 0 ? { mac: checkpoint.mac, chainHash: genesisChainHash } : null;
  let afterSeq = 0n;
  for (;;) {
    const rows = await prisma.auditEvent.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: batchSize });
    for (const row of rows) {
      verifier.add(row);
      chainHash = nextChainHash(chainHash, row);
      if (checkpoint && row.seq === BigInt(checkpoint.seq)) atCheckpoint = { mac: row.mac, chainHash };
    }
    if (rows.length < batchSize) break;
    afterSeq = rows[rows.length - 1].seq;
  }
  const chain = verifier.verdict();
  const anchor: AnchorVerdict = !checkpoint
    ? { state: "none" }
    : chain.count < checkpoint.seq
      ? { state: "missing", checkpoint, firstMissingSeq: chain.count + 1, lastMissingSeq: checkpoint.seq }
      : atCheckpoint && atCheckpoint.mac === checkpoint.mac && atCheckpoint.chainHash === checkpoint.chainHash
        ? { state: "held", checkpoint, unanchored: chain.count - checkpoint.seq }
        : { state: "changed", checkpoint };
  return { ok: chain.ok && (anchor.state === "held" || anchor.state === "none"), chain, anchor };
}
