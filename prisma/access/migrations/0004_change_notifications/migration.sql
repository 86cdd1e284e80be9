-- Change feed for per-process caches (services/access/cache/change-feed.ts): every committed change to
-- a row that a cached answer depends on sends NOTIFY tessera_changes '<kind>:<id>'. NOTIFY is
-- transactional (sent on commit, dropped on rollback, duplicates within a transaction folded), so every
-- writer is covered: API, expiry sweep, import, raw SQL. Triggers are not expressible in schema.prisma.
--   licenses      -> license:<id>      (status, term, tier, component, tenant, key digest all live here)
--   service_tiers -> tier:<id>         (the tier key is in the answer)
--   tier_scopes   -> tier:<tier_id>    (the tier's scopes are in the answer)
--   components    -> component:<id>    (the component key is in the answer)
--   scopes        -> component:<component_id> (scope keys are in the answer, per component)
-- Tenants are not watched: the answer carries only the tenant id, which lives on the license row.
CREATE FUNCTION "tessera_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind text := TG_ARGV[0];
  id_column text := TG_ARGV[1];
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('tessera_changes', kind || ':' || (to_jsonb(OLD) ->> id_column));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('tessera_changes', kind || ':' || (to_jsonb(NEW) ->> id_column));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "licenses_notify_change" AFTER INSERT OR UPDATE OR DELETE ON "licenses"
  FOR EACH ROW EXECUTE FUNCTION "tessera_notify_change"('license', 'id');
CREATE TRIGGER "service_tiers_notify_change" AFTER INSERT OR UPDATE OR DELETE ON "service_tiers"
  FOR EACH ROW EXECUTE FUNCTION "tessera_notify_change"('tier', 'id');
CREATE TRIGGER "tier_scopes_notify_change" AFTER INSERT OR UPDATE OR DELETE ON "tier_scopes"
  FOR EACH ROW EXECUTE FUNCTION "tessera_notify_change"('tier', 'tier_id');
CREATE TRIGGER "components_notify_change" AFTER INSERT OR UPDATE OR DELETE ON "components"
  FOR EACH ROW EXECUTE FUNCTION "tessera_notify_change"('component', 'id');
CREATE TRIGGER "scopes_notify_change" AFTER INSERT OR UPDATE OR DELETE ON "scopes"
  FOR EACH ROW EXECUTE FUNCTION "tessera_notify_change"('component', 'component_id');
