-- The anomaly detector (services/access/detector): per-principal baselines it learns, the alerts it raises
-- with their evidence and the baseline broken, the responses to each (recorded in shadow mode, applied,
-- reversed), and which responses apply per tenant or tier.
-- CreateEnum
CREATE TYPE "DetectorAlertState" AS ENUM ('open', 'not_anomaly', 'resolved');

-- CreateTable
CREATE TABLE "detector_baselines" (
    "principal_kind" TEXT NOT NULL,
    "principal_id" TEXT NOT NULL,
    "tenant_id" TEXT,
    "data" JSONB NOT NULL,
    "observations" INTEGER NOT NULL DEFAULT 0,
    "allowed" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detector_baselines_pkey" PRIMARY KEY ("principal_kind","principal_id")
);

-- CreateTable
CREATE TABLE "detector_alerts" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "principal_kind" TEXT NOT NULL,
    "principal_id" TEXT NOT NULL,
    "tenant_id" TEXT,
    "source" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "baseline" JSONB NOT NULL,
    "state" "DetectorAlertState" NOT NULL DEFAULT 'open',
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" TEXT,

    CONSTRAINT "detector_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "detector_responses" (
    "id" TEXT NOT NULL,
    "alert_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "target" JSONB NOT NULL,
    "undo" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acted_by_id" TEXT,
    "reversed_at" TIMESTAMPTZ(3),
    "reversed_by_id" TEXT,

    CONSTRAINT "detector_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "detector_settings" (
    "scope" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'shadow',
    "responses" TEXT[],
    "updated_by_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detector_settings_pkey" PRIMARY KEY ("scope")
);

-- CreateIndex
CREATE INDEX "detector_alerts_tenant_id_created_at_idx" ON "detector_alerts"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "detector_alerts_created_at_idx" ON "detector_alerts"("created_at");

-- CreateIndex
CREATE INDEX "detector_responses_alert_id_idx" ON "detector_responses"("alert_id");

-- AddForeignKey
ALTER TABLE "detector_responses" ADD CONSTRAINT "detector_responses_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "detector_alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
