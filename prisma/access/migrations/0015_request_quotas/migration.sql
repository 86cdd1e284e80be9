-- Request-rate quotas enforced (issue 10 §1): a license may override its tier's requests per minute;
-- license_quota_windows holds each license's budget of the current window, leased to access processes in
-- slices (no write per request); license_rate_limited counts refusals over the quota per hour for the
-- usage charts. Neither new table has a change-feed trigger: their writes must never evict a cache entry.
-- AlterTable
ALTER TABLE "licenses" ADD COLUMN     "requests_per_minute" INTEGER;

-- CreateTable
CREATE TABLE "license_quota_windows" (
    "license_id" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "leased" INTEGER NOT NULL,

    CONSTRAINT "license_quota_windows_pkey" PRIMARY KEY ("license_id")
);

-- CreateTable
CREATE TABLE "license_rate_limited" (
    "license_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "validations" INTEGER NOT NULL DEFAULT 0,
    "introspections" INTEGER NOT NULL DEFAULT 0,
    "grants" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "license_rate_limited_pkey" PRIMARY KEY ("license_id","bucket")
);

-- CreateIndex
CREATE INDEX "license_rate_limited_tenant_id_bucket_idx" ON "license_rate_limited"("tenant_id", "bucket");

-- Leases up to p_want of a license's window budget p_limit, in one statement for the caller: the row is
-- locked, started afresh when it holds an earlier window (a process whose clock lags is served from the
-- row's window), and granted what is left. Returns the grant and the window's total leased after it.
CREATE FUNCTION "tessera_lease_quota"(p_license text, p_window timestamptz, p_want int, p_limit int)
RETURNS TABLE ("granted" int, "leased" int) LANGUAGE plpgsql AS $$
DECLARE
  current_window timestamptz;
  current_leased int;
  give int;
BEGIN
  INSERT INTO "license_quota_windows" ("license_id", "window_start", "leased") VALUES (p_license, p_window, 0)
    ON CONFLICT ("license_id") DO NOTHING;
  SELECT q."window_start", q."leased" INTO current_window, current_leased
    FROM "license_quota_windows" q WHERE q."license_id" = p_license FOR UPDATE;
  IF current_window < p_window THEN
    current_window := p_window;
    current_leased := 0;
  END IF;
  give := GREATEST(LEAST(p_want, p_limit - current_leased), 0);
  UPDATE "license_quota_windows" SET "window_start" = current_window, "leased" = current_leased + give
    WHERE "license_id" = p_license;
  RETURN QUERY SELECT give, current_leased + give;
END
$$;
