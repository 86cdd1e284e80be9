-- Per-tenant data keys (crypto-shredding: services/access/keys/tenant-data-keys.ts) and districts' disposition
-- requests with their components' parts (services/access/domain/dispositions/). Existing license keys stay
-- under the storage keyring until `tessera keys reencrypt` moves them under their tenant's data key.
-- CreateTable
CREATE TABLE "tenant_data_keys" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "live" BOOLEAN DEFAULT true,
    "wrapped_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "destroyed_at" TIMESTAMPTZ(3),
    "destroyed_by" TEXT,
    "disposition_id" TEXT,
    "protected_records" INTEGER,

    CONSTRAINT "tenant_data_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disposition_requests" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "student_ids" TEXT[],
    "reason" TEXT NOT NULL DEFAULT '',
    "requested_by_id" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tessera_done_at" TIMESTAMPTZ(3),
    "tessera_evidence" JSONB,
    "completed_at" TIMESTAMPTZ(3),
    "certificate" TEXT,
    "audit_event_ids" TEXT[],

    CONSTRAINT "disposition_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disposition_parts" (
    "disposition_id" TEXT NOT NULL,
    "component_id" TEXT NOT NULL,
    "component_key" TEXT NOT NULL,
    "component_name" TEXT NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "statement" TEXT,
    "audit_event_id" TEXT,

    CONSTRAINT "disposition_parts_pkey" PRIMARY KEY ("disposition_id","component_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenant_data_keys_tenant_id_live_key" ON "tenant_data_keys"("tenant_id", "live");

-- CreateIndex
CREATE INDEX "disposition_requests_tenant_id_created_at_idx" ON "disposition_requests"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "disposition_requests_created_at_idx" ON "disposition_requests"("created_at");

-- CreateIndex
CREATE INDEX "disposition_parts_component_id_acknowledged_at_idx" ON "disposition_parts"("component_id", "acknowledged_at");

-- AddForeignKey
ALTER TABLE "disposition_parts" ADD CONSTRAINT "disposition_parts_disposition_id_fkey" FOREIGN KEY ("disposition_id") REFERENCES "disposition_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
