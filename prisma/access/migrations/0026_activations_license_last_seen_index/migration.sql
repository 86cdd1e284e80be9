-- Every activation, heartbeat and validation with a fingerprint counts a license's live seats
-- (license_id = … AND last_seen_at > now − window), activation reclaims idle ones (last_seen_at <= …) and
-- the console lists them most recently seen first: one index serves them all, where the unique
-- (license_id, fingerprint) index made each count read every activation of the license.
CREATE INDEX "activations_license_id_last_seen_at_idx" ON "activations"("license_id", "last_seen_at");
