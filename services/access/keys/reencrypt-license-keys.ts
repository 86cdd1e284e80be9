// `tessera keys reencrypt` after `tessera keys rotate` (envelope encryption: keys/tenant-data-keys.ts): rewraps
// every tenant data key under the keyring's current version (a few rows: the license keys under them do not
// change), and moves every license key still sealed under the keyring itself (the form before data keys) under
// its tenant's data key. It is the console's rewrap job (keys/rewrap-job.ts) run in this process, without adding
// a version: an unfinished job (the console's, or an interrupted run's) is resumed instead of starting another.
import { randomBytes } from "node:crypto";
import type { AccessPrisma } from "../db/prisma";
import type { AuditEvent } from "../../../contracts/audit-api";
import { runRewrapJob, startRewrapJob, type RewrapJobRow } from "./rewrap-job";
import type { StorageKeyring } from "./storage-keyring";
import { createDataKeyCache, openSealedBatch } from "./tenant-data-keys";

export type ReencryptProgress = { processed: number; total: number; reencrypted: number; failed: number };

export type ReencryptResult = {
  jobId: string;
  toVersion: number;
  /** License keys moved (or resealed) by this run. */
  reencrypted: number;
  /** Tenant data keys rewrapped under the keyring's current version by this run. */
  rewrappedDataKeys: number;
  /** Rows that do not decrypt (unknown version, altered, bound to another id): named, never fixed silently. */
  failed: { licenseId: string; reason: string }[];
  /** Data keys that do not unwrap (named, never fixed silently). */
  failedDataKeys: { dataKeyId: string; reason: string }[];
  /** The job's end: the minimum decryption version it raised, and what it left under older versions. */
  job: RewrapJobRow;
};

export async function reencryptLicenseKeys(
  prisma: AccessPrisma,
  keyring: StorageKeyring,
  options: { batchSize?: number; actor: AuditEvent["actor"]; onProgress?: (p: ReencryptProgress) => void; keyringFile?: string | null; retireOld?: boolean; leaseMs?: number },
): Promise<ReencryptResult> {
  const control = { keyring, file: options.keyringFile ?? null };
  const job =
    (await prisma.rewrapJob.findFirst({ where: { active: true } })) ??
    (await startRewrapJob(prisma, control, { scope: "keyring", rotate: false, retireOld: options.retireOld ?? false, actor: options.actor, requestId: null, sourceIp: null }));
  const failed: ReencryptResult["failed"] = [];
  const failedDataKeys: ReencryptResult["failedDataKeys"] = [];
  const owner = `cli:${process.pid}:${randomBytes(4).toString("hex")}`;
  for (;;) {
    const outcome = await runRewrapJob(prisma, control, job.id, {
      owner,
      batchSize: options.batchSize,
      leaseMs: options.leaseMs,
      followMs: 0,
      onDataKeyFailures: (f) => failedDataKeys.push(...f),
      onBatch: (b) => {
        failed.push(...b.failed);
        options.onProgress?.({ processed: b.job.processed, total: b.job.total, reencrypted: b.job.rewrapped, failed: b.job.failed });
      },
    });
    if (outcome !== "not-claimed") break;
    // An access service holds it: follow it until it ends (its lease says when a holder died).
    const now = await prisma.rewrapJob.findUniqueOrThrow({ where: { id: job.id } });
    if (!now.active) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const end = await prisma.rewrapJob.findUniqueOrThrow({ where: { id: job.id } });
  // A resumed job's failures before this run are named by id only in its row: read them again for their reasons.
  const named = new Set(failed.map((f) => f.licenseId));
  const earlier = await prisma.license.findMany({ where: { id: { in: end.failedIds.filter((id) => !named.has(id)) } }, select: { id: true, keyCiphertext: true } });
  const reopened = await openSealedBatch(prisma, keyring, createDataKeyCache(), earlier.map((r) => ({ ciphertext: r.keyCiphertext, associatedData: `license:${r.id}` })));
  earlier.forEach((r, i) => {
    const outcome = reopened[i];
    failed.push({ licenseId: r.id, reason: "error" in outcome ? outcome.error.message : "could not be read when this job reached it" });
  });
  return { jobId: job.id, toVersion: end.toVersion, reencrypted: end.rewrapped - job.rewrapped, rewrappedDataKeys: end.rewrappedDataKeys - job.rewrappedDataKeys, failed, failedDataKeys, job: end };
}

/** How many license keys sit under each keyring version, and under tenants' data keys ("data-key"), for `tessera keys status`. */
export async function countLicenseKeysByVersion(prisma: AccessPrisma): Promise<Map<string, number>> {
  const rows = await prisma.$queryRaw<{ version: string; count: bigint }[]>`
    select case when key_ciphertext like 'tdk\_%' then 'data-key' else split_part(key_ciphertext, '.', 1) end as version, count(*) as count
      from licenses group by 1 order by 1`;
  return new Map(rows.map((r) => [r.version, Number(r.count)]));
}
