// Storage key rotation from the console (issue 11 §3): a platform administrator starts the rewrap job
// (keys/rewrap-job.ts) that adds a keyring version, gives every tenant a new data key, reseals every license
// key under it and then retires the old versions; the page follows it from the job row.
import { rewrapProgress, type RewrapJobDto, type RotationsResponse } from "../../../../contracts/storage-rotation-api";
import { startRewrapJob, type RewrapJobRow } from "../../keys/rewrap-job";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { stepUpAuditData } from "../mfa/step-up";

const historyLength = 20;

export function rewrapJobDto(job: RewrapJobRow): RewrapJobDto {
  return {
    id: job.id,
    state: job.state as RewrapJobDto["state"],
    phase: job.phase as RewrapJobDto["phase"],
    scope: job.scope as RewrapJobDto["scope"],
    fromVersion: job.fromVersion,
    toVersion: job.toVersion,
    total: job.total,
    processed: job.processed,
    rewrapped: job.rewrapped,
    failed: job.failed,
    rewrappedDataKeys: job.rewrappedDataKeys,
    retiredDataKeys: job.retiredDataKeys,
    remainingUnderOld: job.remainingUnderOld,
    minDecryptionVersion: job.minDecryptionVersion,
    startedBy: job.startedBy,
    startedAt: job.startedAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    resumes: job.resumes,
    error: job.error,
    progress: rewrapProgress(job),
  };
}

export async function listStorageRotations(ctx: AccessContext): Promise<RotationsResponse> {
  const jobs = await ctx.prisma.rewrapJob.findMany({ orderBy: { startedAt: "desc" }, take: historyLength });
  return {
    keyring: { currentVersion: ctx.keyring.currentVersion, minDecryptionVersion: ctx.keyring.minDecryptionVersion, versions: [...ctx.keyring.versions], rotatable: ctx.keyringFile !== null },
    jobs: jobs.map(rewrapJobDto),
  };
}

/** Starts a rotation of the keyring and every tenant's data key (after a fresh second factor: the route asks for step-up); 409 while one runs or when the keyring is fixed. */
export async function startStorageRotation(ctx: AccessContext, actor: Actor, meta: RequestMeta): Promise<RewrapJobDto> {
  const job = await startRewrapJob(ctx.prisma, { keyring: ctx.keyring, file: ctx.keyringFile }, {
    scope: "keyring+data-keys",
    rotate: true,
    retireOld: true,
    actor: auditActor(actor),
    requestId: meta.requestId,
    sourceIp: meta.sourceIp,
    ...stepUpAuditData(meta),
  });
  return rewrapJobDto(job);
}
