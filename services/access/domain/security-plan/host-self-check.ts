// What `tessera selfcheck` runs with on the access host: the access service's configuration, an mTLS
// client of the audit service with the access service's own client certificate, and, where the access
// database could be opened, the access service's own context (create-access-context.ts) for the checks that
// need it (sign-in, the access review), without its periodic writers: a one-off command serves no requests.
import { serviceIdentities } from "../../../../contracts/identities";
import { createMtlsClient } from "../../../common/http/mtls-client";
import { readTlsMaterial } from "../../../common/tls/server-tls";
import type { loadAccessConfig } from "../../config";
import type { AccessPrisma } from "../../db/prisma";
import type { StorageKeyring } from "../../keys/storage-keyring";
import { createAccessContext } from "../create-access-context";
import type { SelfCheckDeps } from "./run-self-checks";

type AccessConfig = ReturnType<typeof loadAccessConfig>;

export function hostSelfCheckDeps(config: AccessConfig, open: { prisma: AccessPrisma; keyring: StorageKeyring; digestKey: Buffer } | null): { deps: SelfCheckDeps; close(): Promise<void> } {
  let audit: ReturnType<typeof createMtlsClient> | null = null;
  try {
    audit = createMtlsClient(config.AUDIT_URL, readTlsMaterial(config.auditClientTls), { serverIdentity: serviceIdentities.audit });
  } catch {
    audit = null; // no client certificate here: the chain check says it cannot verify
  }
  const now = () => new Date();
  const access = open
    ? createAccessContext({ prisma: open.prisma, secretDigestKey: open.digestKey, keyring: open.keyring, keysDir: config.keysDir, auditClient: audit, settings: config.settings, periodicWrites: false, now })
    : null;
  return { deps: { now, auditClient: audit, access }, close: async () => void (await audit?.close()) };
}
