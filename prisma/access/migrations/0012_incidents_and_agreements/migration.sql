-- CreateEnum
CREATE TYPE "AgreementKind" AS ENUM ('sdpc_ndpa', 'state_terms');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('open', 'closed');

-- CreateTable
CREATE TABLE "district_agreements" (
    "tenant_id" TEXT NOT NULL,
    "kind" "AgreementKind" NOT NULL,
    "effective_on" DATE,
    "ends_on" DATE,
    "general_offer_from" TEXT,
    "notice_hours" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "district_agreements_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "incidents" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "data_concerned" TEXT NOT NULL,
    "discovered_at" TIMESTAMPTZ(3) NOT NULL,
    "determined_at" TIMESTAMPTZ(3),
    "status" "IncidentStatus" NOT NULL DEFAULT 'open',
    "closed_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_districts" (
    "incident_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "notice_rule" JSONB NOT NULL,
    "notice" JSONB NOT NULL,
    "marked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    "delivery_method" TEXT,
    "delivered_to" TEXT,
    "delivered_by_id" TEXT,

    CONSTRAINT "incident_districts_pkey" PRIMARY KEY ("incident_id","tenant_id")
);

-- CreateIndex
CREATE INDEX "incidents_status_created_at_idx" ON "incidents"("status", "created_at");

-- CreateIndex
CREATE INDEX "incident_districts_tenant_id_idx" ON "incident_districts"("tenant_id");

-- AddForeignKey
ALTER TABLE "incident_districts" ADD CONSTRAINT "incident_districts_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
