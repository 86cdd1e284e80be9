-- Change feed for the per-process session cache (services/access/cache/session-cache.ts), on the same
-- channel and trigger function as migrations 0004 and 0005:
--   sessions -> session:<id>   ended, re-timed or re-keyed; last_seen_at (written once a minute per
--                              process while a session is used) does not notify: it would flush caches
--   users    -> user:<id>      removed (disabled_at), role, tenant, name or e-mail changed; a password
--                              change does not alter what authenticating a session answers
CREATE TRIGGER "sessions_notify_change_insert_delete" AFTER INSERT OR DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "tessera_notify_change"('session', 'id');
CREATE TRIGGER "sessions_notify_change_update" AFTER UPDATE ON "sessions"
  FOR EACH ROW
  WHEN (OLD."ended_at" IS DISTINCT FROM NEW."ended_at" OR OLD."expires_at" IS DISTINCT FROM NEW."expires_at"
        OR OLD."token_digest" IS DISTINCT FROM NEW."token_digest" OR OLD."user_id" IS DISTINCT FROM NEW."user_id")
  EXECUTE FUNCTION "tessera_notify_change"('session', 'id');

CREATE TRIGGER "users_notify_change_delete" AFTER DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "tessera_notify_change"('user', 'id');
CREATE TRIGGER "users_notify_change_update" AFTER UPDATE ON "users"
  FOR EACH ROW
  WHEN (OLD."disabled_at" IS DISTINCT FROM NEW."disabled_at" OR OLD."role" IS DISTINCT FROM NEW."role"
        OR OLD."tenant_id" IS DISTINCT FROM NEW."tenant_id" OR OLD."email" IS DISTINCT FROM NEW."email"
        OR OLD."name" IS DISTINCT FROM NEW."name")
  EXECUTE FUNCTION "tessera_notify_change"('user', 'id');
