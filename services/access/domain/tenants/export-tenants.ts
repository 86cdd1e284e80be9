// The tenants table's selection as CSV: the same search, kind and scope as GET /v1/tenants (by name).
import type { z } from "zod";
import type { tenantExportQuery } from "../../../../contracts/table-exports";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import type { DownloadChunk } from "../documents/audited-export";
import { exportPageSize, pagedCsv } from "../documents/paged-csv";
import { listTenants } from "./list-tenants";

const header = ["Tenant id", "Name", "Slug", "Kind", "Status", "State", "Data agreement", "Agreement signed", "Created (UTC)"];

export function exportTenants(ctx: AccessContext, actor: Actor, query: z.infer<typeof tenantExportQuery>): AsyncGenerator<DownloadChunk> {
  return pagedCsv(
    header,
    async (cursor) => {
      const page = await listTenants(ctx, actor, { ...query, limit: exportPageSize, cursor });
      return { rows: page.tenants, nextCursor: page.nextCursor };
    },
    (t) => [t.id, t.name, t.slug, t.kind, t.status, t.districtState, t.dataAgreement, t.dataAgreementSignedAt, t.createdAt],
  );
}
