-- CreateTable
CREATE TABLE "security_check_results" (
    "check_id" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "sentence" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,
    "ran_by" TEXT NOT NULL,

    CONSTRAINT "security_check_results_pkey" PRIMARY KEY ("check_id")
);

-- CreateTable
CREATE TABLE "access_reviews" (
    "id" TEXT NOT NULL,
    "signed_off_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signed_off_by_id" TEXT NOT NULL,
    "signed_off_by" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,

    CONSTRAINT "access_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "access_reviews_signed_off_at_idx" ON "access_reviews"("signed_off_at");
