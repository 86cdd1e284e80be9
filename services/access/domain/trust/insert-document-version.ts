// Writes the next version of a trust document and its audit event inside the caller's transaction; shared by
// the endpoint and the first-start defaults. A material change is announced to every district: one audit
// event in each district's own log (tenantId set), so the notice shows where the district looks.
import type { DocumentContent } from "../../../../contracts/trust-api";
import { recordEvent } from "../../outbox/record-event";
import type { ChangeAuthor } from "../catalogue/change-author";
import type { TransactionClient } from "../context";
import { newId } from "../secrets/ids";

export type NewDocumentVersion = { content: DocumentContent; summary: string; material: boolean; effectiveAt: Date };

export async function insertDocumentVersion(tx: TransactionClient, input: NewDocumentVersion, createdById: string | null, by: ChangeAuthor) {
  const kind = input.content.kind;
  // Serialises publishers of one kind, so two edits never take the same version number.
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`tessera:trust-document:${kind}`}))`;
  const last = await tx.trustDocumentVersion.findFirst({ where: { kind }, orderBy: { version: "desc" }, select: { version: true } });
  const row = await tx.trustDocumentVersion.create({
    data: { id: newId("tdv"), kind, version: (last?.version ?? 0) + 1, content: input.content, summary: input.summary, material: input.material, effectiveAt: input.effectiveAt, createdById },
  });
  const common = { actor: by.actor, target: { type: "trust_document", id: row.id }, sourceIp: by.sourceIp, requestId: by.requestId, outcome: "success" as const };
  const facts = { kind, version: row.version, material: row.material, effectiveAt: row.effectiveAt.toISOString(), summary: row.summary };
  await recordEvent(tx, { ...common, action: "trust.document_publish", tenantId: null, data: facts });
  let announcedTo = 0;
  if (row.material) {
    const districts = await tx.tenant.findMany({ where: { kind: "district" }, select: { id: true }, orderBy: { id: "asc" } });
    for (const district of districts) await recordEvent(tx, { ...common, action: "policy.notice_announce", tenantId: district.id, data: facts });
    announcedTo = districts.length;
  }
  return { row, announcedTo };
}
