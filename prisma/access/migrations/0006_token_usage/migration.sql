-- Introspections per token and hour for the usage charts (issue 4). Written in batches from memory;
-- no change-feed trigger on purpose: these writes must never evict a cache entry.
-- CreateTable
CREATE TABLE "token_usage" (
    "token_id" TEXT NOT NULL,
    "license_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "refusals" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "token_usage_pkey" PRIMARY KEY ("token_id","bucket")
);

-- CreateIndex
CREATE INDEX "token_usage_license_id_bucket_idx" ON "token_usage"("license_id", "bucket");

-- CreateIndex
CREATE INDEX "token_usage_tenant_id_bucket_idx" ON "token_usage"("tenant_id", "bucket");
