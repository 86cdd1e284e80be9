-- A tenant may require a second factor of its people (platform administrators always need one): a session of
-- a person who must have one and has not given one in it answers only what it takes to add or give a factor
-- (contracts/assurance-levels.ts, services/common/http/policy.ts). Both facts live in every process's session
-- cache, so turning the requirement on reaches live sessions at once (tenant:<id>), and so does a factor
-- given in a session (second_factor_kind, written by a step-up or a confirmed new factor).
ALTER TABLE "tenants" ADD COLUMN     "second_factor_required" BOOLEAN NOT NULL DEFAULT false;

CREATE TRIGGER "tenants_notify_change_update" AFTER UPDATE ON "tenants"
  FOR EACH ROW
  WHEN (OLD."second_factor_required" IS DISTINCT FROM NEW."second_factor_required")
  EXECUTE FUNCTION "tessera_notify_change"('tenant', 'id');

DROP TRIGGER "sessions_notify_change_update" ON "sessions";
CREATE TRIGGER "sessions_notify_change_update" AFTER UPDATE ON "sessions"
  FOR EACH ROW
  WHEN (OLD."ended_at" IS DISTINCT FROM NEW."ended_at" OR OLD."expires_at" IS DISTINCT FROM NEW."expires_at"
        OR OLD."token_digest" IS DISTINCT FROM NEW."token_digest" OR OLD."user_id" IS DISTINCT FROM NEW."user_id"
        OR OLD."step_up_demanded_at" IS DISTINCT FROM NEW."step_up_demanded_at"
        OR OLD."second_factor_kind" IS DISTINCT FROM NEW."second_factor_kind")
  EXECUTE FUNCTION "tessera_notify_change"('session', 'id');
