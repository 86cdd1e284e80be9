// Publishes version 1 of each trust document on a first start (only for a kind with no version yet, so it
// runs once however often or however many access processes start: an advisory lock serialises them).
// Audited as the access service itself.
import type { AccessContext } from "../context";
import { accessServiceAuthor } from "../catalogue/change-author";
import { defaultTrustDocuments } from "./default-trust-documents";
import { insertDocumentVersion } from "./insert-document-version";

export async function ensureTrustDocuments(ctx: Pick<AccessContext, "prisma" | "now">): Promise<number> {
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('tessera:trust-documents'))`;
    let published = 0;
    for (const content of defaultTrustDocuments) {
      if (await tx.trustDocumentVersion.findFirst({ where: { kind: content.kind }, select: { id: true } })) continue;
      await insertDocumentVersion(tx, { content, summary: "First version, as installed.", material: false, effectiveAt: ctx.now() }, null, accessServiceAuthor);
      published++;
    }
    return published;
  });
}
