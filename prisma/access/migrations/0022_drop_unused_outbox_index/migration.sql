-- The relay reads its batches from the partial index of undelivered events (0014); nothing reads the outbox
-- by (delivered_at, created_at) any more, and every delivery updated this index for nothing.
DROP INDEX "outbox_events_delivered_at_created_at_idx";
