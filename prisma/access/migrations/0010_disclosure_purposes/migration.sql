-- AlterTable
ALTER TABLE "oauth_clients" ADD COLUMN     "purpose" TEXT;

-- AlterTable
ALTER TABLE "tokens" ADD COLUMN     "purpose" TEXT;

-- CreateTable
CREATE TABLE "disclosure_reports" (
    "caller" TEXT NOT NULL,
    "report_id" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "disclosure_reports_pkey" PRIMARY KEY ("caller","report_id")
);
