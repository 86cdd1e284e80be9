// A license's tokens table as CSV: the same search, status and tenant scope as GET /v1/licenses/:id/tokens.
// Only what the table shows: names, display prefixes and dates, never token material (none is stored).
import type { z } from "zod";
import type { tokenExportQuery } from "../../../../contracts/table-exports";
import type { TokenDto } from "../../../../contracts/token-api";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import type { DownloadChunk } from "../documents/audited-export";
import { exportPageSize, pagedCsv } from "../documents/paged-csv";
import { listTokens } from "./list-tokens";

export const tokenExportHeader = ["Token id", "Name", "Prefix", "Status", "License active", "Scopes", "Created by", "OAuth client", "Created (UTC)", "Expires (UTC)", "Last used (UTC)", "Revoked (UTC)"];

/** The CSV, and the license's tenant (whose log the export is recorded in). */
export async function exportTokens(ctx: AccessContext, actor: Actor, licenseId: string, query: z.infer<typeof tokenExportQuery>): Promise<{ chunks: AsyncGenerator<DownloadChunk>; tenantId: string }> {
  // The first page is read before the answer starts, so a missing or other tenant's license is a 404.
  const first = await listTokens(ctx, actor, licenseId, { ...query, limit: exportPageSize });
  const license = await ctx.prisma.license.findFirstOrThrow({ where: { id: licenseId, ...tenantScope(actor) }, select: { tenantId: true } });
  const chunks = pagedCsv(
    tokenExportHeader,
    async (cursor) => {
      const page = cursor ? await listTokens(ctx, actor, licenseId, { ...query, limit: exportPageSize, cursor }) : first;
      return { rows: page.tokens, nextCursor: page.nextCursor };
    },
    tokenExportCells,
  );
  return { chunks, tenantId: license.tenantId };
}

/** A token's cells under tokenExportHeader (shared with the Tokens area's export, which adds license and tenant). */
export const tokenExportCells = (t: TokenDto) => [t.id, t.name, t.displayPrefix, t.status, t.licenseActive ? "yes" : "no", t.scopes.join(" "), t.createdBy?.name ?? t.createdBy?.email, t.clientId, t.createdAt, t.expiresAt, t.lastUsedAt, t.revokedAt];
