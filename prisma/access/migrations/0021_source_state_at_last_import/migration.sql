-- AlterTable
ALTER TABLE "licenses" ADD COLUMN     "source_active" BOOLEAN,
ADD COLUMN     "source_ends_at" TIMESTAMPTZ(3);

-- Licenses imported before this migration: what Tessera holds stands for the last import, so a change
-- made in Tessera since is kept and only later source changes apply.
UPDATE "licenses" SET "source_active" = ("status" <> 'suspended'), "source_ends_at" = "ends_at" WHERE "import_source" IS NOT NULL;
