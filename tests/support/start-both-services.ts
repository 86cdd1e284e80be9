// The real access service and, beside it on its own database, the real audit service, both with
// certificates of the access harness's CA (and a `web` client certificate): for tests that need the two.
import { randomBytes } from "node:crypto";
import { openDatabase } from "../../services/common/db/open-database";
import { startAccessService, type AccessHarness } from "./start-access-service";
import { startAuditService, type RunningAudit } from "./start-audit-service";
import { createTestDatabase } from "./test-database";

export type BothServices = { access: AccessHarness; audit: RunningAudit; close(): Promise<void> };

export async function startBothServices(label: string): Promise<BothServices> {
  const access = await startAccessService(label);
  const auditDbInfo = await createTestDatabase(`${label}_audit`);
  const auditDb = await openDatabase({ url: auditDbInfo.url, embeddedDir: auditDbInfo.embeddedDir });
  const audit = await startAuditService({ pki: access.pki, connectionString: auditDb.connectionString, poolMax: auditDb.poolMax, chainKey: randomBytes(32) });
  await access.pki.issueOne("web", "client");
  return {
    access,
    audit,
    close: async () => {
      await audit.app.close();
      await auditDb.close();
      await auditDbInfo.drop();
      await access.close();
    },
  };
}
