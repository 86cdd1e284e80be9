-- The detector's sequence model in the live service (issue 11 §1): the recorded key history it trains on
-- (bounded per kind by rows and age, services/access/detector/sequence/key-history.ts) and its versions, one
-- per kind of principal and training (services/access/detector/sequence/model-store.ts; the last few kept).
-- CreateTable
CREATE TABLE "detector_key_history" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "principal_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "detector_key_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "detector_models" (
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "model" JSONB NOT NULL,
    "examples" INTEGER NOT NULL,
    "loss" DOUBLE PRECISION NOT NULL,
    "train_ms" INTEGER NOT NULL,
    "history_rows" INTEGER NOT NULL,
    "principals" INTEGER NOT NULL,
    "history_from" TIMESTAMPTZ(3) NOT NULL,
    "history_to" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "detector_models_pkey" PRIMARY KEY ("kind","version")
);

-- CreateIndex
CREATE INDEX "detector_key_history_kind_id_idx" ON "detector_key_history"("kind", "id");

-- CreateIndex
CREATE INDEX "detector_key_history_at_idx" ON "detector_key_history"("at");
