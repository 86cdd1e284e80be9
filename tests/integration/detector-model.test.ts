// The detector's sequence model in the live service, end to end on a real PostgreSQL: real introspections
// are recorded as key history; a small model is trained from it in a worker thread and stored as a
// version; the detector loads it; an event out of its sequence (a revoked token presented once, far
// below the rules' refusal burst) raises a "model" alert with its key, window and the keys expected;
// a model flag on a rules alert's event is merged into it ("both"); two trainings never run at once,
// neither in one process nor across processes (the advisory lock); alerted principals are not learned
// from; the history is pruned to its bound.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleThresholds } from "../../services/access/detector/rule-thresholds";
import { pruneKeyHistory } from "../../services/access/detector/sequence/key-history";
import { createModelTrainer, startModelSchedule, trainingDue } from "../../services/access/detector/sequence/model-training";
import { trainingLockSql, type TrainingJob, type TrainingOutcome } from "../../services/access/detector/sequence/training-job";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, type TokenWorld } from "../support/token-fixtures";

let h: AccessHarness;
let w: TokenWorld;
let job: TrainingJob;
let schedule: ReturnType<typeof startModelSchedule> | undefined;
const thumb = (c: string) => c.repeat(43);
// A tiny network: seconds of training, enough to learn one token's steady use.
const tiny = { h: 3, g: 1, units: 8, embedding: 4, epochs: 25, maxExamples: 400, batchSize: 32 };

beforeAll(async () => {
  h = await startAccessService("detector_model", {}, { quotas: false, validationCache: true, detector: { intervalMs: 60_000, model: { history: { flushMs: 0 } } } });
  w = await createTokenWorld(h, "m");
  job = { connectionString: h.testDb.url!, minHistory: 30, rowsPerKind: 10_000, keepVersions: 2, config: tiny };
});
afterAll(async () => {
  await schedule?.stop();
  await h?.close();
});

async function introspect(token: string, thumbprint = thumb("A")) {
  await h.validationCache?.feed.sync();
  const body = new URLSearchParams({ token, cnf_x5t_s256: thumbprint });
  const res = await (await h.as("reports-worker")).raw<{ active: boolean }>("POST", "/oauth/introspect", body.toString(), { "content-type": "application/x-www-form-urlencoded" });
  expect(res.status).toBe(200);
  return res.body;
}
async function warmToken(uses: number) {
  const { secret, token } = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [`${w.cat.reports.key}:read`] });
  for (let k = 0; k < uses; k++) expect((await introspect(secret)).active).toBe(true);
  return { secret, id: token.id };
}
const alertsOf = async (principalId: string) => {
  await h.ctx.detector!.drain();
  return h.prisma.detectorAlert.findMany({ where: { principalId }, orderBy: { createdAt: "asc" } });
};

describe("the sequence model in the live detector", () => {
  let tokens: { secret: string; id: string }[] = [];
  let version = 0;

  it("records each introspection's key in the history, against the token's baseline before the rules learned", async () => {
    tokens = [await warmToken(ruleThresholds.warmupObservations + 5), await warmToken(ruleThresholds.warmupObservations + 5)];
    await h.ctx.detector!.drain();
    const rows = await h.prisma.detectorKeyHistory.findMany({ where: { kind: "token", principalId: tokens[0]!.id }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(ruleThresholds.warmupObservations + 5);
    expect(rows[0]!.key).toBe("introspection:active");
    expect(rows.slice(1).every((r) => r.key.startsWith("introspection:active"))).toBe(true);
    expect(rows.some((r) => r.key.includes("new-"))).toBe(false); // the same certificate, network and caller throughout
  });

  it("trains in a worker thread, one training at a time: a second request answers busy, so does another process holding the lock", async () => {
    expect(await trainingDue(h.prisma, 24, job.minHistory)).toBe(true);
    const trainer = createModelTrainer(job);
    const first = trainer.trainNow();
    expect(trainer.running()).toBe(true);
    expect(await trainer.trainNow()).toEqual({ state: "busy" });
    const outcome = await first;
    expect(outcome.state).toBe("done");
    if (outcome.state !== "done") return;
    const token = outcome.trained.find((t) => t.kind === "token")!;
    expect(token).toMatchObject({ version: 1, historyRows: 2 * (ruleThresholds.warmupObservations + 5), principals: 2 });
    expect(token.examples).toBeGreaterThan(0);
    version = token.version;
    // Audited with the version it stored, as the detector itself.
    const events = (await h.prisma.outboxEvent.findMany()).map((e) => e.payload as { action: string; actor: { id: string }; target: { id: string }; data: Record<string, unknown> });
    expect(events.filter((e) => e.action === "detector.model_train" && e.target.id === "token:1")).toMatchObject([{ actor: { id: "detector" }, data: { kind: "token", version: 1, principals: 2 } }]);
    expect(await trainingDue(h.prisma, 24, job.minHistory)).toBe(false);

    // Another process's training holds the lock: this one does not train.
    const other = new pg.Client({ connectionString: h.testDb.url });
    await other.connect();
    try {
      expect((await other.query<{ locked: boolean }>(trainingLockSql)).rows[0]!.locked).toBe(true);
      expect(await createModelTrainer(job).trainNow()).toEqual({ state: "busy" });
    } finally {
      await other.end();
    }
    const stored = await h.prisma.detectorModel.findMany({ where: { kind: "token" } });
    expect(stored.map((m) => m.version)).toEqual([1]);
    expect(stored[0]!.model).toMatchObject({ config: tiny, keys: expect.arrayContaining(["<pad>", "<unknown>", "introspection:active"]) });
  }, 60_000); // a few seconds of training on a shared CPU: a generous bound, not a timing assertion

  it("loads the newest version; a revoked token presented once raises a model alert with its key, window and the keys expected", async () => {
    h.ctx.detector!.modelsChanged();
    const t = await warmToken(4);
    expect(await alertsOf(t.id)).toEqual([]);
    expect(h.ctx.detector!.stats().model.versions).toMatchObject({ token: version });
    const revoked = await (await h.as("web")).json("POST", `/v1/tokens/${t.id}/revoke`, {}, authorization(w.admin));
    expect(revoked.status).toBe(200);
    expect((await introspect(t.secret)).active).toBe(false);
    const [alert, ...more] = await alertsOf(t.id);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ kind: "sequence", source: "model", principalKind: "token", tenantId: w.acme.tenant.id });
    expect(alert!.evidence).toMatchObject({ key: expect.stringMatching(/^introspection:revoked/), model: "token model", version, g: 1 });
    const evidence = alert!.evidence as { window: string[]; expected: string[] };
    expect(evidence.window).toHaveLength(3);
    expect(evidence.window.every((k) => k.startsWith("introspection:active"))).toBe(true);
    expect(evidence.expected).toHaveLength(1);
    expect(alert!.baseline).toMatchObject({ model: "token model", version, historyRows: 2 * (ruleThresholds.warmupObservations + 5) });
    // The model alone responds with nothing: no response rows even if a plan named some.
    expect(await h.prisma.detectorResponse.count({ where: { alertId: alert!.id } })).toBe(0);
  });

  it("a model flag on the event of a rules alert is merged into it as corroboration: one alert, source both", async () => {
    const t = tokens[0]!;
    await introspect(t.secret, thumb("B"));
    const alerts = await alertsOf(t.id);
    expect(alerts.map((a) => [a.kind, a.source])).toEqual([["new-certificate", "both"]]);
    expect(alerts[0]!.evidence).toMatchObject({ presentedThumbprint: thumb("B"), model: { key: expect.stringContaining("new-thumbprints"), version } });
  });

  it("leaves alerted principals out of the next training, retrains on its schedule, keeps the last few versions of a kind, and prunes the history to its bound per kind", async () => {
    const again = await createModelTrainer({ ...job, minHistory: 10 }).trainNow();
    // tokens[0] (new certificate) and the revoked token are alerted: only tokens[1]'s history is learned.
    expect(again.state === "done" && again.trained.find((t) => t.kind === "token")).toMatchObject({ version: 2, principals: 1, historyRows: ruleThresholds.warmupObservations + 5 });
    // The schedule: a day later the newest version is due for retraining, and is retrained once.
    let offsetMs = 25 * 3_600_000;
    const scheduled = await new Promise<TrainingOutcome>((resolve) => {
      const onTrained = (o: TrainingOutcome) => {
        offsetMs = 0; // retrained: not due again
        resolve(o);
      };
      schedule = startModelSchedule(h.prisma, { connectionString: job.connectionString, retrainHours: 24, minHistory: 10, checkMs: 20, keepVersions: 2, config: tiny, now: () => Date.now() + offsetMs, onTrained });
    });
    await schedule!.stop();
    expect(scheduled.state === "done" && scheduled.trained.find((t) => t.kind === "token")).toMatchObject({ version: 3 });
    expect((await h.prisma.detectorModel.findMany({ where: { kind: "token" }, orderBy: { version: "asc" } })).map((m) => m.version)).toEqual([2, 3]);
    await pruneKeyHistory(h.prisma, { rowsPerKind: 5, maxAgeDays: 30 }, Date.now());
    const counts = await h.prisma.detectorKeyHistory.groupBy({ by: ["kind"], _count: true });
    expect(counts.length).toBeGreaterThan(0);
    for (const c of counts) expect(c._count).toBeLessThanOrEqual(5);
    // The newest are the ones kept.
    const newest = await h.prisma.detectorKeyHistory.findFirst({ where: { kind: "token" }, orderBy: { id: "desc" } });
    expect(newest?.principalId).toBe(tokens[0]!.id);
  }, 60_000);
});
