// Recomputes every MAC in seq order and reports the first event where the chain is broken.
import type { AuditPrisma } from "../../db/prisma";
import { createChainVerifier, type ChainVerdict } from "./chain-verifier";

const batchSize = 1000;

export async function verifyChain(prisma: AuditPrisma, chainKey: Buffer): Promise<ChainVerdict> {
  const verifier = createChainVerifier(chainKey);
  let afterSeq = 0n;
  for (;;) {
    const rows = await prisma.auditEvent.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: batchSize });
    rows.forEach(verifier.add);
    if (rows.length < batchSize) return verifier.verdict();
    afterSeq = rows[rows.length - 1].seq;
  }
}
