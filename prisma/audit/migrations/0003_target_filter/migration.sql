-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "target_id" TEXT,
ADD COLUMN     "target_type" TEXT;

-- CreateIndex
CREATE INDEX "audit_events_target_type_target_id_seq_idx" ON "audit_events"("target_type", "target_id", "seq");

-- Fill the new filter columns of events stored before them from their MAC-covered JSON. The
-- append-only trigger is set aside for this one statement only, inside this migration's transaction.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_append_only";
UPDATE "audit_events"
SET "target_type" = ("canonical"::jsonb -> 'target' ->> 'type'),
    "target_id" = ("canonical"::jsonb -> 'target' ->> 'id')
WHERE "canonical"::jsonb -> 'target' IS NOT NULL AND jsonb_typeof("canonical"::jsonb -> 'target') = 'object';
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_append_only";
