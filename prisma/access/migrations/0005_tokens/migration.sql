-- CreateTable
CREATE TABLE "tokens" (
    "id" TEXT NOT NULL,
    "license_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "display_prefix" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_by_id" TEXT,
    "client_id" TEXT,
    "cert_thumbprint" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" TEXT,
    "revoke_reason" TEXT,
    "rotated_from_id" TEXT,
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_clients" (
    "id" TEXT NOT NULL,
    "license_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cert_identity" TEXT NOT NULL,
    "scopes" TEXT[],
    "token_ttl_seconds" INTEGER NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "oauth_clients_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tokens_digest_key" ON "tokens"("digest");

-- CreateIndex
CREATE INDEX "tokens_license_id_created_at_idx" ON "tokens"("license_id", "created_at");

-- CreateIndex
CREATE INDEX "tokens_tenant_id_created_at_idx" ON "tokens"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "tokens_client_id_idx" ON "tokens"("client_id");

-- CreateIndex
CREATE INDEX "oauth_clients_license_id_idx" ON "oauth_clients"("license_id");

-- CreateIndex
CREATE INDEX "oauth_clients_cert_identity_idx" ON "oauth_clients"("cert_identity");

-- AddForeignKey
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_license_id_fkey" FOREIGN KEY ("license_id") REFERENCES "licenses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "oauth_clients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_clients" ADD CONSTRAINT "oauth_clients_license_id_fkey" FOREIGN KEY ("license_id") REFERENCES "licenses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Change feed (see migration 0004): token introspection caches are evicted by 'token:<id>'. Only changes
-- an introspection answer depends on notify; batched last_used_at writes do not (they would flush caches).
CREATE TRIGGER "tokens_notify_change_insert_delete" AFTER INSERT OR DELETE ON "tokens"
  FOR EACH ROW EXECUTE FUNCTION "tessera_notify_change"('token', 'id');
CREATE TRIGGER "tokens_notify_change_update" AFTER UPDATE ON "tokens"
  FOR EACH ROW
  WHEN (OLD."revoked_at" IS DISTINCT FROM NEW."revoked_at" OR OLD."expires_at" IS DISTINCT FROM NEW."expires_at"
        OR OLD."scopes" IS DISTINCT FROM NEW."scopes" OR OLD."digest" IS DISTINCT FROM NEW."digest"
        OR OLD."license_id" IS DISTINCT FROM NEW."license_id" OR OLD."tenant_id" IS DISTINCT FROM NEW."tenant_id"
        OR OLD."client_id" IS DISTINCT FROM NEW."client_id" OR OLD."cert_thumbprint" IS DISTINCT FROM NEW."cert_thumbprint")
  EXECUTE FUNCTION "tessera_notify_change"('token', 'id');
