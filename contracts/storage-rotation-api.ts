// Storage key rotation from the console (issue 11 §3): the rewrap job's public shape and its progress,
// computed from the job row alone (so every access process, and the page after a restart, tell the same).
// POST /v1/security/storage-rotations, GET /v1/security/storage-rotations (platform administrators).
import { z } from "zod";

export const rewrapScopes = ["keyring", "keyring+data-keys"] as const;
export type RewrapScope = (typeof rewrapScopes)[number];
export const rewrapStates = ["running", "completed", "failed"] as const;
export const rewrapPhases = ["rotate", "reseal", "finish", "done"] as const;

/** The word a person types to confirm a rotation (the dialog and the request both carry it). */
export const rotationConfirmWord = "ROTATE";

export const startRotationBody = z
  .object({
    /** Must be the confirmation word: a rotation rewrites every license key, so it is never started by a stray click. */
    confirm: z.literal(rotationConfirmWord, { error: `Type ${rotationConfirmWord} to confirm.` }),
  })
  .strict();

const iso = z.iso.datetime();

export const rewrapJobDto = z.object({
  id: z.string(),
  state: z.enum(rewrapStates),
  phase: z.enum(rewrapPhases),
  scope: z.enum(rewrapScopes),
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  total: z.number().int(),
  processed: z.number().int(),
  rewrapped: z.number().int(),
  failed: z.number().int(),
  rewrappedDataKeys: z.number().int(),
  retiredDataKeys: z.number().int(),
  /** Records still under versions older than toVersion when it finished; the minimum is raised only at 0. */
  remainingUnderOld: z.number().int().nullable(),
  minDecryptionVersion: z.number().int().nullable(),
  startedBy: z.string(),
  startedAt: iso,
  updatedAt: iso,
  finishedAt: iso.nullable(),
  resumes: z.number().int(),
  error: z.string().nullable(),
  /** Derived from the row: share done, records per second of the current run, seconds left at that rate. */
  progress: z.object({ fraction: z.number(), perSecond: z.number().nullable(), etaSeconds: z.number().nullable() }),
});
export type RewrapJobDto = z.infer<typeof rewrapJobDto>;

export const rotationsResponse = z.object({
  /** The keyring as this process holds it. */
  keyring: z.object({ currentVersion: z.number().int(), minDecryptionVersion: z.number().int(), versions: z.array(z.number().int()), rotatable: z.boolean() }),
  jobs: z.array(rewrapJobDto),
});
export type RotationsResponse = z.infer<typeof rotationsResponse>;

export type ProgressInput = { state: string; total: number; processed: number; processedAtResume: number; resumedAt: Date; updatedAt: Date; finishedAt: Date | null };

/**
 * Share done, rate and time left. The rate counts only the current run (since the last start or resume),
 * so the minutes a stopped process was down do not drag it; it is null until a batch of this run is in.
 */
export function rewrapProgress(job: ProgressInput): RewrapJobDto["progress"] {
  const fraction = job.total === 0 ? (job.state === "running" ? 0 : 1) : Math.min(1, job.processed / job.total);
  const done = job.processed - job.processedAtResume;
  const seconds = ((job.finishedAt ?? job.updatedAt).getTime() - job.resumedAt.getTime()) / 1000;
  const perSecond = done > 0 && seconds > 0 ? done / seconds : null;
  const etaSeconds = job.state !== "running" ? 0 : perSecond ? Math.max(0, job.total - job.processed) / perSecond : null;
  return { fraction, perSecond, etaSeconds };
}
