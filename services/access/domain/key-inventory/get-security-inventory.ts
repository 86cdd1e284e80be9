// The Security page's inventory (issue 11 §3): keys by purpose with their TTL policy, what each storage
// version still protects, the CA's certificates and which peers are connected to this process now.
import { keyTtlDays, type SecurityInventoryResponse } from "../../../../contracts/security-inventory-api";
import type { PeerConnections } from "../../../common/tls/peer-connections";
import type { AccessContext } from "../context";
import { listIssuedCertificates, type CertificateSources } from "./list-certificates";
import { listKeys } from "./list-keys";
import { countStorageVersionUse, summariseDataKeys } from "./storage-version-use";

export type InventorySources = {
  certificates: CertificateSources;
  peers: PeerConnections;
  /** This process's served certificate (its own transport key). */
  serverCertificateFile: string;
};

export async function getSecurityInventory(ctx: AccessContext, sources: InventorySources): Promise<SecurityInventoryResponse> {
  const now = ctx.now();
  const keyFiles = ctx.selfCheck?.keys;
  const [storageVersions, dataKeys, certificates] = await Promise.all([
    countStorageVersionUse(ctx.prisma, ctx.keyring),
    summariseDataKeys(ctx.prisma, now, keyTtlDays["tenant-data"]),
    listIssuedCertificates(sources.certificates, now),
  ]);
  const keys = await listKeys(
    {
      keyring: ctx.keyring,
      keyringFile: keyFiles?.keyringFile ?? null,
      keysDir: ctx.keysDir,
      secretDigestKeyFile: keyFiles?.secretDigestKeyFile ?? null,
      transportCertificates: [
        { label: "access service (serves)", file: sources.serverCertificateFile },
        ...(ctx.selfCheck ? [{ label: "access service (calls the audit service)", file: ctx.selfCheck.tls.certFile }] : []),
      ],
      dataKeys,
    },
    now,
  );
  return {
    generatedAt: now.toISOString(),
    keys,
    storageVersions,
    dataKeys: { ...dataKeys, oldestLiveCreatedAt: dataKeys.oldestLiveCreatedAt?.toISOString() ?? null },
    certificates,
    connections: {
      observedSince: sources.peers.observedSince.toISOString(),
      live: sources.peers.live().map((p) => ({ ...p, connectedSince: p.connectedSince.toISOString() })),
      lastSeen: sources.peers.lastSeen().map((p) => ({ ...p, lastSeenAt: p.lastSeenAt.toISOString() })),
    },
  };
}
