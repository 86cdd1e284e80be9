-- Seats as activations (issue 10): a seat per fingerprint, kept by heartbeats within the tier's window;
-- a token's issued lifetime, so rotation keeps it.
-- AlterTable
ALTER TABLE "service_tiers" ADD COLUMN     "heartbeat_window_minutes" INTEGER NOT NULL DEFAULT 60;

-- AlterTable
ALTER TABLE "tokens" ADD COLUMN     "lifetime_seconds" INTEGER;

-- CreateTable
CREATE TABLE "activations" (
    "id" TEXT NOT NULL,
    "license_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "activated_by" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "activations_tenant_id_idx" ON "activations"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "activations_license_id_fingerprint_key" ON "activations"("license_id", "fingerprint");

-- AddForeignKey
ALTER TABLE "activations" ADD CONSTRAINT "activations_license_id_fkey" FOREIGN KEY ("license_id") REFERENCES "licenses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
