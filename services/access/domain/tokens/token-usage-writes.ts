// The two batched writes behind token usage: last-used times (one UPDATE … FROM (VALUES …) per batch,
// touching only last_used_at, which the change-feed trigger ignores) and hourly counts (one INSERT … ON
// CONFLICT DO UPDATE per batch, adding to what other processes wrote; token_usage has no trigger at all).
import { Prisma } from "../../generated/prisma/client";
import type { AccessPrisma } from "../../db/prisma";

export const usageBatchSize = 1_000;

export type HourCount = { tokenId: string; licenseId: string; tenantId: string; bucket: number; uses: number; refusals: number };

export async function writeLastUsed(prisma: AccessPrisma, rows: readonly [string, Date][]): Promise<void> {
  const values = rows.map(([id, at]) => Prisma.sql`(${id}, ${at}::timestamptz)`);
  await prisma.$executeRaw`
    UPDATE "tokens" AS t SET "last_used_at" = v.at
    FROM (VALUES ${Prisma.join(values)}) AS v(id, at)
    WHERE t."id" = v.id AND (t."last_used_at" IS NULL OR t."last_used_at" < v.at)`;
}

/** Adds the counts; each (token, bucket) appears once per batch (ON CONFLICT may touch a row only once). */
export async function addHourCounts(prisma: AccessPrisma, rows: readonly HourCount[]): Promise<void> {
  const values = rows.map(
    (r) => Prisma.sql`(${r.tokenId}, ${r.licenseId}, ${r.tenantId}, ${new Date(r.bucket)}::timestamptz, ${r.uses}::int, ${r.refusals}::int)`,
  );
  await prisma.$executeRaw`
    INSERT INTO "token_usage" ("token_id", "license_id", "tenant_id", "bucket", "uses", "refusals")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("token_id", "bucket") DO UPDATE
    SET "uses" = "token_usage"."uses" + excluded."uses", "refusals" = "token_usage"."refusals" + excluded."refusals"`;
}
