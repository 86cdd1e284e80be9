// The rewrap job's progress as the page shows it, derived from the job row alone.
import { describe, expect, it } from "vitest";
import { rewrapProgress, startRotationBody } from "./storage-rotation-api";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const job = { state: "running", total: 1000, processed: 0, processedAtResume: 0, resumedAt: at(0), updatedAt: at(0), finishedAt: null };

describe("rewrapProgress", () => {
  it("has no rate or ETA before this run's first batch", () => {
    expect(rewrapProgress(job)).toEqual({ fraction: 0, perSecond: null, etaSeconds: null });
  });

  it("measures the rate over the current run only, so the time a stopped process was down does not count", () => {
    // 400 done before a restart; resumed at 100 s with 400; 600 by 110 s: 200 in 10 s.
    expect(rewrapProgress({ ...job, processed: 600, processedAtResume: 400, resumedAt: at(100), updatedAt: at(110) })).toEqual({ fraction: 0.6, perSecond: 20, etaSeconds: 20 });
  });

  it("is whole and has nothing left once finished, also with nothing to do", () => {
    expect(rewrapProgress({ ...job, state: "completed", processed: 1000, updatedAt: at(50), finishedAt: at(50) })).toEqual({ fraction: 1, perSecond: 20, etaSeconds: 0 });
    expect(rewrapProgress({ ...job, state: "completed", total: 0, finishedAt: at(1) })).toEqual({ fraction: 1, perSecond: null, etaSeconds: 0 });
  });
});

describe("startRotationBody", () => {
  it("needs the confirmation word exactly, and nothing else", () => {
    expect(startRotationBody.safeParse({ confirm: "ROTATE" }).success).toBe(true);
    expect(startRotationBody.safeParse({ confirm: "rotate" }).success).toBe(false);
    expect(startRotationBody.safeParse({}).success).toBe(false);
    expect(startRotationBody.safeParse({ confirm: "ROTATE", extra: 1 }).success).toBe(false);
  });
});
