-- CreateTable
CREATE TABLE "secret_scanner_keys" (
    "id" TEXT NOT NULL,
    "reporter" TEXT NOT NULL,
    "key_identifier" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "secret_scanner_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "secret_scanner_keys_key_identifier_key" ON "secret_scanner_keys"("key_identifier");

-- CreateIndex
CREATE INDEX "tokens_created_at_id_idx" ON "tokens"("created_at", "id");

-- CreateIndex
CREATE INDEX "tokens_display_prefix_idx" ON "tokens"("display_prefix");
