-- Resource servers of components (services/access/domain/catalogue/*-resource-server*.ts): the certificate
-- identities that may introspect a component's tokens and validate its licenses.
-- CreateTable
CREATE TABLE "resource_servers" (
    "component_id" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resource_servers_pkey" PRIMARY KEY ("component_id","identity")
);

-- CreateIndex
CREATE INDEX "resource_servers_identity_idx" ON "resource_servers"("identity");

-- AddForeignKey
ALTER TABLE "resource_servers" ADD CONSTRAINT "resource_servers_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Change feed: cached validations and introspections touch component:<id> (migration 0004), so registering
-- or removing a resource server evicts every cached answer about that component in every access process.
CREATE TRIGGER "resource_servers_notify_change" AFTER INSERT OR UPDATE OR DELETE ON "resource_servers"
  FOR EACH ROW EXECUTE FUNCTION "tessera_notify_change"('component', 'component_id');
