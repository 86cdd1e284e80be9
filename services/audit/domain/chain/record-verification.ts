// Every verification of the stored chain is recorded where it ran (chain_verifications, beside the
// chain and not in it, so verifying never grows what it verifies), so the console can say when the
// chain was last verified and by what: the operator's `tessera audit verify`, the access service's
// scheduled self-check, or a person through the console.
import { randomUUID } from "node:crypto";
import type { ChainVerification } from "../../../../contracts/audit-api";
import type { AuditPrisma } from "../../db/prisma";
import type { ChainVerdict } from "./chain-verifier";

/** Who ran it: the operator's command, a self-check of the access service, a person through the console, another access call. */
export type VerificationRun = { by: "operator" } | { by: "selfcheck" } | { by: "person"; personId: string; personLabel: string | null } | { by: "access" };

export async function recordVerification(prisma: AuditPrisma, verdict: ChainVerdict, run: VerificationRun, anchor: string | null = null, at = new Date()): Promise<void> {
  await prisma.chainVerification.create({
    data: {
      id: randomUUID(),
      at,
      by: run.by,
      personId: run.by === "person" ? run.personId : null,
      personLabel: run.by === "person" ? run.personLabel : null,
      ok: verdict.ok,
      count: verdict.count,
      firstBrokenSeq: verdict.firstBrokenSeq,
      anchor,
    },
  });
}

/** The newest run, or null before the first. */
export async function latestVerification(prisma: AuditPrisma): Promise<ChainVerification | null> {
  const row = await prisma.chainVerification.findFirst({ orderBy: { at: "desc" } });
  if (!row) return null;
  return { at: row.at.toISOString(), by: row.by as ChainVerification["by"], personId: row.personId, personLabel: row.personLabel, ok: row.ok, count: row.count, firstBrokenSeq: row.firstBrokenSeq, anchor: row.anchor };
}
