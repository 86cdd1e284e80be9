// The licenses table's selection as CSV: the same filters, sort and tenant scope as GET /v1/licenses.
import type { z } from "zod";
import type { licenseExportQuery } from "../../../../contracts/table-exports";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import type { DownloadChunk } from "../documents/audited-export";
import { exportPageSize, pagedCsv } from "../documents/paged-csv";
import { listLicenses } from "./list-licenses";

const header = ["License id", "Tenant", "Tenant id", "Application", "Application key", "Tier", "Tier key", "Status", "Seats", "Starts (UTC)", "Ends (UTC)", "Created (UTC)"];

export function exportLicenses(ctx: AccessContext, actor: Actor, query: z.infer<typeof licenseExportQuery>): AsyncGenerator<DownloadChunk> {
  return pagedCsv(
    header,
    async (cursor) => {
      const page = await listLicenses(ctx, actor, { ...query, limit: exportPageSize, cursor });
      return { rows: page.licenses, nextCursor: page.nextCursor };
    },
    (l) => [l.id, l.tenant.name, l.tenant.id, l.component.name, l.component.key, l.tier.name, l.tier.key, l.status, l.seats, l.startsAt, l.endsAt, l.createdAt],
  );
}
