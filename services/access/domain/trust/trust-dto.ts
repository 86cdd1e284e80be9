// Trust documents and inventory versions as the contract shows them; the version in effect at a time.
import { documentContent, type DocumentKind, type DocumentVersionDto, type InventoryVersionDto, type TrustPartDto, dataElement } from "../../../../contracts/trust-api";
import { z } from "zod";

type DocumentRow = { id: string; kind: string; version: number; content: unknown; summary: string; material: boolean; effectiveAt: Date; createdAt: Date };
type InventoryRow = { version: number; elements: unknown; note: string; createdAt: Date };

export function toDocumentDto(row: DocumentRow): DocumentVersionDto {
  // The content was checked against the contract when it was published; parsing again keeps the page honest.
  const content = documentContent.parse(row.content);
  return {
    id: row.id,
    kind: content.kind,
    version: row.version,
    content,
    summary: row.summary,
    material: row.material,
    publishedAt: row.createdAt.toISOString(),
    effectiveAt: row.effectiveAt.toISOString(),
  };
}

export function toInventoryVersionDto(row: InventoryRow): InventoryVersionDto {
  return { version: row.version, elements: z.array(dataElement).parse(row.elements), note: row.note, publishedAt: row.createdAt.toISOString() };
}

/** Versions newest first, and the one in effect at `now`: the newest whose effective time has come. */
export function trustPart(rows: DocumentRow[], kind: DocumentKind, now: Date): TrustPartDto {
  const versions = rows.filter((r) => r.kind === kind).sort((a, b) => b.version - a.version).map(toDocumentDto);
  const current = versions.find((v) => new Date(v.effectiveAt) <= now) ?? null;
  return { current, versions };
}
