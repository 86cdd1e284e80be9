-- CreateTable
CREATE TABLE "disclosure_entries" (
    "seq" BIGINT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "component" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "student_ids" TEXT[],
    "count" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "disclosure_entries_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "disclosure_entries_tenant_id_occurred_at_seq_idx" ON "disclosure_entries"("tenant_id", "occurred_at" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "disclosure_entries_tenant_id_component_occurred_at_idx" ON "disclosure_entries"("tenant_id", "component", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "disclosure_entries_tenant_id_party_occurred_at_idx" ON "disclosure_entries"("tenant_id", "party", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "disclosure_entries_student_ids_idx" ON "disclosure_entries" USING GIN ("student_ids");


-- Append-only like the events it indexes (the same refusing function as audit_events, migration 0002).
CREATE TRIGGER "disclosure_entries_append_only"
BEFORE UPDATE OR DELETE ON "disclosure_entries"
FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();
