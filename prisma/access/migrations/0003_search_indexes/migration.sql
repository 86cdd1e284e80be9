-- CreateIndex
CREATE INDEX "licenses_ends_at_id_idx" ON "licenses"("ends_at", "id");

-- CreateIndex
CREATE INDEX "licenses_component_id_idx" ON "licenses"("component_id");

-- CreateIndex
CREATE INDEX "tenants_name_id_idx" ON "tenants"("name", "id");
