-- The anomaly detector's "require step-up" response: a person's live sessions are marked, and every request
-- of theirs is refused with step-up-required until a second factor is verified in that session
-- (services/access/domain/security-alerts/respond-to-alert.ts, services/common/http/policy.ts). The mark
-- must reach every process's session cache at once, so its change notifies like an end does (migration 0007).
ALTER TABLE "sessions" ADD COLUMN     "step_up_demanded_at" TIMESTAMPTZ(3);

DROP TRIGGER "sessions_notify_change_update" ON "sessions";
CREATE TRIGGER "sessions_notify_change_update" AFTER UPDATE ON "sessions"
  FOR EACH ROW
  WHEN (OLD."ended_at" IS DISTINCT FROM NEW."ended_at" OR OLD."expires_at" IS DISTINCT FROM NEW."expires_at"
        OR OLD."token_digest" IS DISTINCT FROM NEW."token_digest" OR OLD."user_id" IS DISTINCT FROM NEW."user_id"
        OR OLD."step_up_demanded_at" IS DISTINCT FROM NEW."step_up_demanded_at")
  EXECUTE FUNCTION "tessera_notify_change"('session', 'id');
