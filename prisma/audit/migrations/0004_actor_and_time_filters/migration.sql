-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "actor_id" TEXT,
ADD COLUMN     "occurred_at" TIMESTAMPTZ(3);

-- Fill the console's actor and time columns of events stored before them from their MAC-covered JSON
-- (before the indexes, so they are built once). The append-only trigger is set aside for this one
-- statement only, inside this migration's transaction; verification checks the copies against the JSON.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_append_only";
UPDATE "audit_events"
SET "actor_id" = ("canonical"::jsonb -> 'actor' ->> 'id'),
    "occurred_at" = ("canonical"::jsonb ->> 'occurredAt')::timestamptz;
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_append_only";

-- CreateTable
CREATE TABLE "chain_verifications" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "by" TEXT NOT NULL,
    "person_id" TEXT,
    "person_label" TEXT,
    "ok" BOOLEAN NOT NULL,
    "count" INTEGER NOT NULL,
    "first_broken_seq" INTEGER,
    "anchor" TEXT,

    CONSTRAINT "chain_verifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "chain_verifications_at_idx" ON "chain_verifications"("at");

-- CreateIndex
CREATE INDEX "audit_events_actor_id_seq_idx" ON "audit_events"("actor_id", "seq");

-- CreateIndex
CREATE INDEX "audit_events_target_id_seq_idx" ON "audit_events"("target_id", "seq");

-- CreateIndex
CREATE INDEX "audit_events_occurred_at_seq_idx" ON "audit_events"("occurred_at", "seq");
