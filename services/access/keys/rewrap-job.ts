// The storage key rotation's rewrap job (issue 11 §3), one engine for the console and `tessera keys reencrypt`.
// What it rewraps (envelope encryption, keys/tenant-data-keys.ts): a new keyring version only needs the tenants'
// data keys rewrapped (a few rows) and the license keys still sealed under the keyring itself moved under their
// tenant's data key ("keyring"); a rotation of the data keys too ("keyring+data-keys", the console's) gives every
// tenant a new data key and reseals every license key under it, then erases each old data key once nothing is
// under it. Phases, each recorded in the job row: rotate → reseal (batches in id order) → finish → done.
// Each batch's compare-and-set UPDATE of its licenses and the job's counters and cursor commit together, so a
// process that stops between or inside batches leaves an exact cursor; the next holder of the lease continues.
// At the end, if asked and nothing remains under older keyring versions, the minimum decryption version is
// raised to the new one (as Vault's transit keys' min_decryption_version): older ciphertexts are refused from then.
import type { AuditEvent } from "../../../contracts/audit-api";
import type { RewrapScope } from "../../../contracts/storage-rotation-api";
import { AppError } from "../../common/http/app-error";
import type { AccessPrisma } from "../db/prisma";
import { isUniqueViolation } from "../db/unique-violation";
import { newId } from "../domain/secrets/ids";
import { sealLicenseKeyUnder } from "../domain/licenses/license-key";
import { rewrapFactorSecrets } from "../domain/mfa/rewrap-factor-secrets";
import { recordEvent } from "../outbox/record-event";
import { keyringFileVersions, keyringRecheckMs, raiseMinimumDecryptionVersion, rotateKeyringFile, type StorageKeyring } from "./storage-keyring";
import { createDataKeyCache, liveDataKey, newDataKeyRow, openSealedBatch, rewrapDataKeys, type DataKey } from "./tenant-data-keys";

/** The keyring and, when it is file-backed, its file (null: ACCESS_KEYRING, which no process can rotate). */
export type KeyringControl = { keyring: StorageKeyring; file: string | null };
export type RewrapJobRow = NonNullable<Awaited<ReturnType<AccessPrisma["rewrapJob"]["findUnique"]>>>;

/** A job that cannot go on (it ends as failed, saying why); any other error leaves it to resume. */
export class RewrapJobFailure extends Error {}
class LeaseLost extends Error {}

export type StartRewrap = {
  scope: RewrapScope;
  /** Add a keyring version first (the console); false: rewrap under the current one (after `tessera keys rotate`). */
  rotate: boolean;
  retireOld: boolean;
  actor: AuditEvent["actor"];
  requestId: string | null;
  sourceIp: string | null;
  /** What the start's audit event adds: the second factor a person's step-up passed with (mfa/step-up.ts). */
  stepUpFactor?: string;
};

/** Records a new job (audited in the same transaction); 409 while another is unfinished. */
export async function startRewrapJob(prisma: AccessPrisma, control: KeyringControl, input: StartRewrap): Promise<RewrapJobRow> {
  if (input.rotate && !control.file) {
    throw new AppError("conflict", "The storage keyring is given in ACCESS_KEYRING, which a running service cannot change: add a version there, restart the access processes, then run tessera keys reencrypt.", { reason: "keyring-fixed" });
  }
  const versions = control.file ? keyringFileVersions(control.file) : { current: control.keyring.currentVersion, versions: [...control.keyring.versions] };
  const toVersion = input.rotate ? Math.max(...versions.versions) + 1 : versions.current;
  const id = newId("rwj");
  try {
    return await prisma.$transaction(async (tx) => {
      const job = await tx.rewrapJob.create({
        data: { id, scope: input.scope, fromVersion: versions.current, toVersion, retireOld: input.retireOld, startedById: input.actor.id ?? input.actor.type, startedBy: input.actor.label ?? input.actor.type },
      });
      await recordEvent(tx, {
        action: "keyring.rewrap_start",
        outcome: "success",
        actor: input.actor,
        target: { type: "rewrap-job", id },
        tenantId: null,
        sourceIp: input.sourceIp,
        requestId: input.requestId,
        data: { scope: input.scope, fromVersion: versions.current, toVersion, retireOld: input.retireOld, ...(input.stepUpFactor ? { stepUpFactor: input.stepUpFactor } : {}) },
      });
      return job;
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const running = await prisma.rewrapJob.findFirst({ where: { active: true }, select: { id: true, processed: true, total: true } });
    throw new AppError("conflict", `A storage key rotation is already running (${running?.processed ?? 0} of ${running?.total ?? 0} records done). Wait for it to finish.`, { reason: "rotation-running", internal: running?.id });
  }
}

export type RunOptions = {
  /** Who holds the lease (one process, one run). */
  owner: string;
  batchSize?: number;
  /** How long a lease lasts without a batch renewing it: a process that died leaves the job this long. */
  leaseMs?: number;
  /** Checked between batches: true ends the run, releasing the lease, to be resumed. */
  shouldStop?: () => boolean;
  /** After each committed batch: its failures with their reasons (the row keeps ids only) and the job's counters. */
  onBatch?: (batch: { failed: { licenseId: string; reason: string }[]; job: RewrapJobRow }) => void;
  onDataKeyFailures?: (failed: { dataKeyId: string; reason: string }[]) => void;
  /** How long after adding a keyring version to wait for every process to write under it (default: their recheck interval and a second). */
  followMs?: number;
};

export type RunOutcome = "finished" | "stopped" | "not-claimed";

/** Takes the job's lease if it is free or expired (resuming from its cursor); false if another process holds it. */
async function claim(prisma: AccessPrisma, jobId: string, owner: string, leaseMs: number): Promise<boolean> {
  const claimed = await prisma.$executeRaw`
    update rewrap_jobs set lease_owner = ${owner}, lease_until = now() + ${leaseMs} * interval '1 millisecond',
           resumed_at = now(), processed_at_resume = processed,
           resumes = resumes + case when phase <> 'rotate' or processed > 0 then 1 else 0 end
     where id = ${jobId} and active and state = 'running' and (lease_until is null or lease_until < now() or lease_owner = ${owner})`;
  return claimed === 1;
}

const releaseLease = (prisma: AccessPrisma, jobId: string, owner: string) =>
  prisma.$executeRaw`update rewrap_jobs set lease_owner = null, lease_until = null where id = ${jobId} and lease_owner = ${owner}`;

export async function runRewrapJob(prisma: AccessPrisma, control: KeyringControl, jobId: string, options: RunOptions): Promise<RunOutcome> {
  const leaseMs = options.leaseMs ?? 30_000;
  if (!(await claim(prisma, jobId, options.owner, leaseMs))) return "not-claimed";
  const run = { prisma, control, options, leaseMs, dataKeys: createDataKeyCache(), live: new Map<string, DataKey>() };
  try {
    for (;;) {
      const job = await prisma.rewrapJob.findUniqueOrThrow({ where: { id: jobId } });
      if (job.phase === "done" || job.state !== "running") return "finished";
      if (options.shouldStop?.()) {
        await releaseLease(prisma, jobId, options.owner);
        return "stopped";
      }
      if (job.phase === "rotate") await rotatePhase(run, job);
      else if (job.phase === "reseal") await resealBatch(run, job);
      else await finishPhase(run, job);
    }
  } catch (e) {
    if (e instanceof LeaseLost) return "stopped";
    if (e instanceof RewrapJobFailure) {
      await endJob(prisma, jobId, options.owner, { state: "failed", error: e.message, remainingUnderOld: null, minDecryptionVersion: null });
      return "finished";
    }
    await releaseLease(prisma, jobId, options.owner).catch(() => undefined);
    throw e;
  }
}

type Run = { prisma: AccessPrisma; control: KeyringControl; options: RunOptions; leaseMs: number; dataKeys: ReturnType<typeof createDataKeyCache>; live: Map<string, DataKey> };

/** Only the holder of the lease may move the job on; a batch that finds it gone rolls back. */
async function advance(tx: Pick<AccessPrisma, "$executeRaw">, run: Run, jobId: string, set: { processed?: number; rewrapped?: number; failed?: number; failedIds?: string[]; cursor?: string; phase?: string; total?: number; rewrappedDataKeys?: number }) {
  const n = await tx.$executeRaw`
    update rewrap_jobs set processed = processed + ${set.processed ?? 0}, rewrapped = rewrapped + ${set.rewrapped ?? 0}, failed = failed + ${set.failed ?? 0},
           failed_ids = (failed_ids || ${set.failedIds ?? []}::text[])[1:100], cursor = coalesce(${set.cursor ?? null}, cursor),
           phase = coalesce(${set.phase ?? null}, phase), total = coalesce(${set.total ?? null}::int, total),
           rewrapped_data_keys = rewrapped_data_keys + ${set.rewrappedDataKeys ?? 0},
           updated_at = now(), lease_until = now() + ${run.leaseMs} * interval '1 millisecond'
     where id = ${jobId} and lease_owner = ${run.options.owner} and active`;
  if (n !== 1) throw new LeaseLost();
}

/** Which license rows this job reseals: under the keyring itself, or under a data key this job retires ($1: the job's id). */
const needsReseal = `(key_ciphertext like 'k%' or split_part(key_ciphertext, '.', 1) in (select id from tenant_data_keys where retired_by_job = $1))`;

async function rotatePhase(run: Run, job: RewrapJobRow): Promise<void> {
  const { prisma, control } = run;
  if (control.file) {
    const file = keyringFileVersions(control.file);
    if (!file.versions.includes(job.toVersion)) {
      const rotated = rotateKeyringFile(control.file);
      if (rotated.current !== job.toVersion) throw new RewrapJobFailure(`the keyring gained version ${rotated.current}, not ${job.toVersion}: another rotation ran outside this job`);
    }
    control.keyring.refresh();
    // Every process follows the file within keyringRecheckMs; until then one may still write under the old version.
    const until = Date.now() + (run.options.followMs ?? keyringRecheckMs + 1_000);
    while (Date.now() < until || control.keyring.currentVersion !== job.toVersion) {
      if (Date.now() > until + 4 * keyringRecheckMs) throw new RewrapJobFailure(`this process does not see key version ${job.toVersion} in the keyring file`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } else if (control.keyring.currentVersion !== job.toVersion) {
    throw new RewrapJobFailure(`the keyring's current version is ${control.keyring.currentVersion}, not ${job.toVersion}`);
  }
  const rewrap = await rewrapDataKeys(prisma, control.keyring);
  if (rewrap.failed.length) run.options.onDataKeyFailures?.(rewrap.failed);
  await prisma.$transaction(async (tx) => {
    if (job.scope === "keyring+data-keys") {
      // Each tenant's live key steps aside (still wrapped: its license keys read until resealed) for a new one.
      const old = await tx.$queryRaw<{ tenant_id: string }[]>`
        update tenant_data_keys set live = null, retired_by_job = ${job.id} where live and wrapped_key is not null returning tenant_id`;
      if (old.length) await tx.tenantDataKey.createMany({ data: old.map((o) => newDataKeyRow(control.keyring, o.tenant_id)) });
    }
    const [{ count }] = await tx.$queryRawUnsafe<{ count: bigint }[]>(`select count(*) as count from licenses where ${needsReseal}`, job.id);
    await advance(tx, run, job.id, { phase: "reseal", total: Number(count), rewrappedDataKeys: rewrap.rewrapped });
  });
}

async function resealBatch(run: Run, job: RewrapJobRow): Promise<void> {
  const { prisma, control } = run;
  const batch = await prisma.$queryRawUnsafe<{ id: string; tenant_id: string; key_ciphertext: string }[]>(
    `select id, tenant_id, key_ciphertext from licenses where id > $2 and ${needsReseal} order by id limit $3`,
    job.id,
    job.cursor,
    run.options.batchSize ?? 500,
  );
  if (batch.length === 0) {
    await advance(prisma, run, job.id, { phase: "finish" });
    return;
  }
  const opened = await openSealedBatch(prisma, control.keyring, run.dataKeys, batch.map((r) => ({ ciphertext: r.key_ciphertext, associatedData: `license:${r.id}` })));
  const failed: { licenseId: string; reason: string }[] = [];
  const rewrites: { id: string; old: string; next: string }[] = [];
  for (let i = 0; i < batch.length; i++) {
    const row = batch[i];
    const result = opened[i];
    if ("error" in result) {
      failed.push({ licenseId: row.id, reason: result.error.message });
      continue;
    }
    let live = run.live.get(row.tenant_id);
    if (!live) run.live.set(row.tenant_id, (live = await liveDataKey(prisma, control.keyring, run.dataKeys, row.tenant_id)));
    rewrites.push({ id: row.id, old: row.key_ciphertext, next: sealLicenseKeyUnder(live, row.id, result.plaintext) });
  }
  const committed = await prisma.$transaction(async (tx) => {
    // Raw SQL so that updated_at keeps meaning "the license changed", which re-encryption does not; a row whose
    // key changed meanwhile keeps its new value (compare-and-set on the ciphertext read).
    const changed = rewrites.length
      ? await tx.$executeRaw`
          update licenses l set key_ciphertext = v.next
            from unnest(${rewrites.map((r) => r.id)}::text[], ${rewrites.map((r) => r.old)}::text[], ${rewrites.map((r) => r.next)}::text[]) as v(id, old, next)
           where l.id = v.id and l.key_ciphertext = v.old`
      : 0;
    await advance(tx, run, job.id, { processed: batch.length, rewrapped: changed, failed: failed.length, failedIds: failed.map((f) => f.licenseId), cursor: batch[batch.length - 1].id });
    return tx.rewrapJob.findUniqueOrThrow({ where: { id: job.id } });
  });
  run.options.onBatch?.({ failed, job: committed });
}

/** Records still under keyring versions older than `version`: license keys sealed under them, data keys wrapped under them, TOTP secrets. */
export async function countUnderOlderVersions(prisma: Pick<AccessPrisma, "$queryRaw">, version: number): Promise<number> {
  const [{ count }] = await prisma.$queryRaw<{ count: bigint }[]>`
    select (select count(*) from licenses where key_ciphertext like 'k%' and substring(split_part(key_ciphertext, '.', 1) from 2)::int < ${version})
         + (select count(*) from tenant_data_keys where wrapped_key is not null and substring(split_part(wrapped_key, '.', 1) from 2)::int < ${version})
         + (select count(*) from second_factors where secret_ciphertext is not null and substring(split_part(secret_ciphertext, '.', 1) from 2)::int < ${version}) as count`;
  return Number(count);
}

async function finishPhase(run: Run, job: RewrapJobRow): Promise<void> {
  const { prisma, control } = run;
  // Data keys another process made under the old version in the moments after the rotation, and old keys still holding a record.
  const rewrap = await rewrapDataKeys(prisma, control.keyring);
  if (rewrap.failed.length) run.options.onDataKeyFailures?.(rewrap.failed);
  await advance(prisma, run, job.id, { rewrappedDataKeys: rewrap.rewrapped });
  // TOTP secrets sit under the keyring itself; one that does not open stays under its version and keeps the minimum down.
  await rewrapFactorSecrets(prisma, control.keyring);
  // An old data key that protects nothing any more is erased: it is retired, not destroyed (nothing was lost).
  const retired = await prisma.$executeRaw`
    update tenant_data_keys set wrapped_key = null, retired_at = now()
     where retired_by_job = ${job.id} and wrapped_key is not null and destroyed_at is null
       and id not in (select distinct split_part(key_ciphertext, '.', 1) from licenses where left(key_ciphertext, 4) = 'tdk_')`;
  if (retired) await prisma.rewrapJob.update({ where: { id: job.id }, data: { retiredDataKeys: { increment: retired } } });
  for (const key of await prisma.tenantDataKey.findMany({ where: { retiredByJob: job.id, wrappedKey: null }, select: { id: true } })) run.dataKeys.forget(key.id);
  const remaining = await countUnderOlderVersions(prisma, job.toVersion);
  let minimum: number | null = null;
  // Never raised while anything remains under an older version: that record would be lost, not refused.
  if (job.retireOld && remaining === 0 && job.failed === 0 && control.file) {
    minimum = raiseMinimumDecryptionVersion(control.file, job.toVersion).current;
    control.keyring.refresh();
  }
  await endJob(prisma, job.id, run.options.owner, { state: "completed", error: null, remainingUnderOld: remaining, minDecryptionVersion: minimum });
}

async function endJob(prisma: AccessPrisma, jobId: string, owner: string, end: { state: "completed" | "failed"; error: string | null; remainingUnderOld: number | null; minDecryptionVersion: number | null }) {
  await prisma.$transaction(async (tx) => {
    const ended = await tx.rewrapJob.updateMany({
      where: { id: jobId, leaseOwner: owner, active: true },
      data: { ...end, phase: "done", active: null, finishedAt: new Date(), updatedAt: new Date(), leaseOwner: null, leaseUntil: null },
    });
    if (ended.count !== 1) throw new LeaseLost();
    const job = await tx.rewrapJob.findUniqueOrThrow({ where: { id: jobId } });
    await recordEvent(tx, {
      action: "keyring.rewrap_finish",
      outcome: job.state === "completed" && job.failed === 0 ? "success" : "failure",
      actor: { type: "service", id: "access", label: "storage key rotation" },
      target: { type: "rewrap-job", id: jobId },
      tenantId: null,
      sourceIp: null,
      requestId: null,
      data: {
        scope: job.scope, fromVersion: job.fromVersion, toVersion: job.toVersion, total: job.total, rewrapped: job.rewrapped, failed: job.failed,
        failedLicenseIds: job.failedIds, rewrappedDataKeys: job.rewrappedDataKeys, retiredDataKeys: job.retiredDataKeys,
        remainingUnderOld: job.remainingUnderOld, minDecryptionVersion: job.minDecryptionVersion, resumes: job.resumes, error: job.error,
      },
    });
  });
}
