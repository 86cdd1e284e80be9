-- License validations by components, per license and hour, for the dashboard's "validations over time"
-- (beside token introspections, which token_usage counts): counted in memory by each access process and
-- added in batches (INSERT … ON CONFLICT DO UPDATE), never a write per validation.

-- CreateTable
CREATE TABLE "license_validations" (
    "license_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "valid" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "license_validations_pkey" PRIMARY KEY ("license_id","bucket")
);

-- CreateIndex
CREATE INDEX "license_validations_tenant_id_bucket_idx" ON "license_validations"("tenant_id", "bucket");
