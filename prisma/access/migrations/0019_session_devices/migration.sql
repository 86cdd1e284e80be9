-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "device_browser" TEXT,
ADD COLUMN     "device_system" TEXT;
