-- Storage key rotation from the console (issue 11 §3): the rewrap job (services/access/keys/rewrap-job.ts),
-- at most one unfinished at a time (unique on active, null once finished), and tenant data keys retired by one.
-- AlterTable
ALTER TABLE "tenant_data_keys" ADD COLUMN     "retired_at" TIMESTAMPTZ(3),
ADD COLUMN     "retired_by_job" TEXT;

-- CreateTable
CREATE TABLE "rewrap_jobs" (
    "id" TEXT NOT NULL,
    "active" BOOLEAN DEFAULT true,
    "state" TEXT NOT NULL DEFAULT 'running',
    "scope" TEXT NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'rotate',
    "from_version" INTEGER NOT NULL,
    "to_version" INTEGER NOT NULL,
    "retire_old" BOOLEAN NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "rewrapped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "failed_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cursor" TEXT NOT NULL DEFAULT '',
    "rewrapped_data_keys" INTEGER NOT NULL DEFAULT 0,
    "retired_data_keys" INTEGER NOT NULL DEFAULT 0,
    "remaining_under_old" INTEGER,
    "min_decryption_version" INTEGER,
    "started_by_id" TEXT NOT NULL,
    "started_by" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "resumed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at_resume" INTEGER NOT NULL DEFAULT 0,
    "resumes" INTEGER NOT NULL DEFAULT 0,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "rewrap_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rewrap_jobs_started_at_idx" ON "rewrap_jobs"("started_at");

-- CreateIndex
CREATE UNIQUE INDEX "rewrap_jobs_active_key" ON "rewrap_jobs"("active");
