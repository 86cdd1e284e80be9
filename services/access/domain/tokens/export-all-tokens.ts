// The Tokens area as CSV: the same search, filters and tenant scope as GET /v1/tokens (list-all-tokens.ts),
// every page, with each token's license and tenant. No token material (none is stored).
import type { z } from "zod";
import type { allTokensExportQuery } from "../../../../contracts/table-exports";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import type { DownloadChunk } from "../documents/audited-export";
import { exportPageSize, pagedCsv } from "../documents/paged-csv";
import { tokenExportCells, tokenExportHeader } from "./export-tokens";
import { allTokensPage } from "./list-all-tokens";

const header = [...tokenExportHeader, "License id", "Application", "Tenant", "Tenant id"];

export function exportAllTokens(ctx: AccessContext, actor: Actor, query: z.infer<typeof allTokensExportQuery>): AsyncGenerator<DownloadChunk> {
  return pagedCsv(
    header,
    async (cursor) => {
      const page = await allTokensPage(ctx, actor, { ...query, limit: exportPageSize, cursor });
      return { rows: page.tokens, nextCursor: page.nextCursor };
    },
    (t) => [...tokenExportCells(t), t.license.id, t.license.component.name, t.tenant.name, t.tenant.id],
  );
}
