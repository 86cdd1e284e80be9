-- The relay's next batch: the oldest undelivered events, read from an index of the undelivered alone (a
-- delivered event leaves it), instead of a scan and sort of the whole outbox on every batch (measured:
-- 90-220 ms a batch at 25 000 pending, 0.3 ms with this index). Partial, so declared here rather than in
-- schema.prisma (Prisma's partial indexes are a preview feature).
CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" ("created_at", "id") WHERE "delivered_at" IS NULL;
