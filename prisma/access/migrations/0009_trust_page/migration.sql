-- The public trust page (issue 9 §2): versioned data inventories of components, versioned trust documents
-- (privacy policy, subprocessors, commitments, security contact), and districts' acknowledgements of material changes.
-- CreateTable
CREATE TABLE "data_inventory_versions" (
    "component_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "elements" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_inventory_versions_pkey" PRIMARY KEY ("component_id","version")
);

-- CreateTable
CREATE TABLE "trust_document_versions" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "summary" TEXT NOT NULL,
    "material" BOOLEAN NOT NULL DEFAULT false,
    "effective_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trust_document_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_acknowledgements" (
    "document_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_acknowledgements_pkey" PRIMARY KEY ("document_id","tenant_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "trust_document_versions_kind_version_key" ON "trust_document_versions"("kind", "version");

-- CreateIndex
CREATE INDEX "policy_acknowledgements_tenant_id_idx" ON "policy_acknowledgements"("tenant_id");

-- AddForeignKey
ALTER TABLE "policy_acknowledgements" ADD CONSTRAINT "policy_acknowledgements_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "trust_document_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
