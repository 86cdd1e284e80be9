"use client";
// One rewrap job's progress as the job row tells it: records done of total, records per second of the
// current run and the time left at that rate. The same numbers after a restart: nothing is kept in the browser.
import type { RewrapJobDto } from "@/contracts/storage-rotation-api";

const number = (n: number) => n.toLocaleString("en-US");
const eta = (seconds: number | null) => (seconds === null ? "estimating…" : seconds < 60 ? `${Math.ceil(seconds)} s left` : `${Math.ceil(seconds / 60)} min left`);
const phaseLabels: Record<RewrapJobDto["phase"], string> = {
  rotate: "Adding the new key version and data keys",
  reseal: "Resealing license keys",
  finish: "Rewrapping the rest and retiring old versions",
  done: "Done",
};

export function RewrapProgress({ job }: { job: RewrapJobDto }) {
  const percent = Math.floor(job.progress.fraction * 100);
  return (
    <div className="space-y-2" data-testid="rewrap-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="font-medium">
          k{job.fromVersion} → k{job.toVersion}: {phaseLabels[job.phase]}
          {job.resumes > 0 ? <span className="text-slate-700"> (resumed {job.resumes === 1 ? "once" : `${job.resumes} times`} after a restart)</span> : null}
        </p>
        <p className="text-slate-700" data-testid="rewrap-counts">
          {number(job.processed)} of {number(job.total)} records · {job.progress.perSecond === null ? "—" : `${number(Math.round(job.progress.perSecond))} records/s`} ·{" "}
          {job.state === "running" ? eta(job.progress.etaSeconds) : job.state}
        </p>
      </div>
      <div
        role="progressbar"
        aria-label="Rotation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%: ${number(job.processed)} of ${number(job.total)} records`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full ${job.state === "failed" ? "bg-red-700" : "bg-indigo-700"} transition-[width]`} style={{ width: `${percent}%` }} />
      </div>
      {job.failed > 0 ? (
        <p className="text-sm text-red-800">
          {number(job.failed)} record{job.failed === 1 ? "" : "s"} could not be read and stay as they are; older key versions stay readable until none remains.
        </p>
      ) : null}
      {job.error ? <p className="text-sm text-red-800">Stopped: {job.error}</p> : null}
    </div>
  );
}
