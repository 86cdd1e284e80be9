-- License holders: a tenant may hold several licenses for one application, one per holder (a person,
-- team, site or machine group), and at most one live license per (tenant, application, holder).

-- CreateEnum
CREATE TYPE "LicenseHolderKind" AS ENUM ('person', 'team', 'site', 'machine_group');

-- AlterTable: existing licenses were the tenant's one license for the application, so their holder is
-- the tenant as a whole: a site named by the tenant's slug (the default for a license created without one).
ALTER TABLE "licenses" ADD COLUMN "holder_kind" "LicenseHolderKind", ADD COLUMN "holder_name" TEXT;
UPDATE "licenses" l SET "holder_kind" = 'site', "holder_name" = t."slug" FROM "tenants" t WHERE t."id" = l."tenant_id";
ALTER TABLE "licenses" ALTER COLUMN "holder_kind" SET NOT NULL, ALTER COLUMN "holder_name" SET NOT NULL;

-- A row still marked active or suspended after its end is no longer live; where it would share its
-- holder with a live one it becomes expired now (the expiry sweep would have done so for an active one),
-- so that the index below can hold. The old guard allowed no two live ones, so nothing else collides.
UPDATE "licenses" o SET "status" = 'expired', "status_changed_at" = now(), "updated_at" = now()
WHERE o."status" IN ('active', 'suspended') AND o."ends_at" <= now()
  AND EXISTS (SELECT 1 FROM "licenses" l WHERE l."id" <> o."id" AND l."tenant_id" = o."tenant_id"
              AND l."component_id" = o."component_id" AND l."status" IN ('active', 'suspended'));

-- CreateIndex
CREATE INDEX "licenses_tenant_id_holder_name_idx" ON "licenses"("tenant_id", "holder_name");

-- One live license per (tenant, component, holder), so that no race between writers can break it.
-- "Live" here is the stored status; the guard (services/access/domain/licenses/live-license-guard.ts)
-- first expires a same-holder license whose term is over, then inserts.
CREATE UNIQUE INDEX "licenses_one_live_per_holder" ON "licenses"("tenant_id", "component_id", "holder_kind", "holder_name")
WHERE "status" IN ('active', 'suspended');
