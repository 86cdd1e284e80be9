-- AlterTable
ALTER TABLE "components" ADD COLUMN     "retired_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "licenses" ADD COLUMN     "suspended_by_tenant" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "scopes" ADD COLUMN     "retired_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "closing_disposition_id" TEXT,
ADD COLUMN     "suspended_at" TIMESTAMPTZ(3);
