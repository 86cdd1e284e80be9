// The anomaly detector of one access process: the hot paths push events into a bounded queue (never
// awaited); batches are run through the rules against per-principal baselines; findings become alerts
// (one per kind and principal within the cooldown), each answered by the responses its tenant's plan
// names — in shadow mode recorded only. Baselines are written back every few seconds. A failing batch is
// logged and dropped: the detector never takes the service down with it.
// The sequence model (sequence/): each event's key is recorded for training (key-history.ts) and scored
// against its kind's newest stored model (model-layer.ts); its flags join the rules' alerts as
// combine-layers.ts decides (corroboration of a rules alert, or a "sequence" alert of its own).
import type { AccessContext } from "../domain/context";
import type { Prisma } from "../generated/prisma/client";
import { newId } from "../domain/secrets/ids";
import { detectorActor } from "../domain/security-alerts/detector-actor";
import { respondToAlert } from "../domain/security-alerts/respond-to-alert";
import { recordEvents } from "../outbox/record-event";
import { createAlertCooldown } from "./alert-cooldown";
import { createBaselineStore } from "./baseline-store";
import { allow, isWarm, type SetName } from "./baselines";
import type { PrincipalKind } from "../../../contracts/security-alert-api";
import type { DetectorEvent, DetectorFeed } from "./detector-event";
import { createSettingsReader } from "./detector-settings";
import { createEventQueue } from "./event-queue";
import { ruleThresholds, type RuleThresholds } from "./rule-thresholds";
import { createRules, principalsOf, type Finding } from "./rules";
import { createLayerCombiner } from "./combine-layers";
import { eventKey, sequenceOf } from "./sequence/event-keys";
import { createKeyHistory, type KeyHistoryLimits } from "./sequence/key-history";
import { createModelLayer, type ModelFlag } from "./sequence/model-layer";
import { createSequenceTracker } from "./sequence/sequence-tracker";

export type DetectorOptions = {
  /** Events held before the newest are dropped (default 50 000). */
  capacity?: number;
  /** How often a batch is taken (default 100 ms: detection well under a second after the event). */
  intervalMs?: number;
  maxBatch?: number;
  /** How often learned baselines are written back (default 5 s; and on close): a summary, not a ledger. */
  baselineFlushMs?: number;
  thresholds?: RuleThresholds;
  /**
   * The sequence model's side: each event's key recorded for training (false: not recorded; stored
   * models are still scored), and how often newer stored versions are looked for (default 60 s).
   */
  model?: { history?: Partial<KeyHistoryLimits> | false; reloadMs?: number };
  /** Told of each alert raised (the bench measures detection delay; tests wait on it). */
  onAlert?: (alert: { id: string; kind: string; principalId: string; occurredAt: number; createdAt: number }) => void;
  log?: (err: unknown, message: string) => void;
};

type AlertRow = {
  id: string;
  kind: Finding["kind"];
  principalKind: PrincipalKind;
  principalId: string;
  tenantId: string | null;
  source: "rules" | "model" | "both";
  evidence: Record<string, unknown>;
  baseline: Record<string, unknown>;
  occurredAt: Date;
};

export type Detector = DetectorFeed & {
  /** Runs what is queued through the rules now (tests; the timer does it otherwise). */
  drain(): Promise<void>;
  stats(): { waiting: number; dropped: number; accepted: number; alerts: number; model: { versions: Partial<Record<string, number>>; flags: number; corroborated: number; quiet: number; history: { pending: number; dropped: number; written: number } | null } };
  /** The settings changed: read them again. */
  settingsChanged(): void;
  /** "Not an anomaly" allowed a value in a principal's stored baseline: allow it in memory too. */
  allow(kind: PrincipalKind, id: string, set: SetName, value: string): void;
  /** New model versions were stored (a training here): load them before the next batch. */
  modelsChanged(): void;
  close(): Promise<void>;
};

export function createDetector(ctx: AccessContext, options: DetectorOptions = {}): Detector {
  const t = options.thresholds ?? ruleThresholds;
  const rules = createRules(t);
  const baselines = createBaselineStore(ctx.prisma);
  const settings = createSettingsReader(ctx.prisma);
  const isNews = createAlertCooldown(t);
  const history = options.model?.history === false ? null : createKeyHistory(ctx.prisma, options.model?.history);
  const models = createModelLayer(ctx.prisma, { reloadMs: options.model?.reloadMs });
  const combiner = createLayerCombiner(t);
  /** The time of each principal's previous event: a key's burst mark (its sequence, not its model's window). */
  const lastSeen = createSequenceTracker(1);
  const modelStats = { flags: 0, corroborated: 0, quiet: 0 };
  let alerts = 0;
  let savedAt = 0;
  const flushMs = options.baselineFlushMs ?? 5_000;

  const consume = async (batch: DetectorEvent[]) => {
    try {
      await baselines.load(batch.flatMap(principalsOf));
      await models.refresh().catch((err: unknown) => options.log?.(err, "detector models not loaded"));
      const findings: Finding[] = [];
      for (const e of batch) {
        for (const p of principalsOf(e)) {
          const b = baselines.get(p.kind, p.id);
          if (b) baselines.touch(b);
        }
        // The event's key reads the baseline before the rules learn from the event (one home for "new").
        const s = sequenceOf(e);
        if (s) {
          const b = baselines.get(s.kind, s.id);
          const key = eventKey(e, b, lastSeen.previousAt(s.kind, s.id));
          lastSeen.advance(s.kind, s.id, e.at, 0);
          history?.record(s.kind, s.id, e.at, key);
          models.observe({ kind: s.kind, principalId: s.id, tenantId: s.tenantId, licenseId: "licenseId" in e ? e.licenseId : null, at: e.at, key, warm: !b || isWarm(b, t) });
        }
        for (const f of rules.evaluate(e, (kind, id) => baselines.get(kind, id))) if (isNews(f)) findings.push(f);
      }
      // An alert's baseline is written with it; otherwise the learned state is written every few seconds.
      if (findings.length || Date.now() - savedAt >= flushMs) {
        savedAt = Date.now();
        await baselines.save();
      }
      const rows = findings.map(toRow);
      const later = withModel(rows, scoreModels());
      if (rows.length) await raise(rows);
      if (later.length) await corroborate(later);
      await history?.flush().catch((err: unknown) => options.log?.(err, "detector key history not written"));
    } catch (err) {
      options.log?.(err, "detector batch failed");
    }
  };

  /** The model's flags of this batch; a model that fails costs its flags, never the rules' alerts. */
  const scoreModels = (): ModelFlag[] => {
    try {
      return models.score();
    } catch (err) {
      options.log?.(err, "detector models not scored");
      return [];
    }
  };

  const toRow = (f: Finding): AlertRow => ({
    id: newId("alr"),
    kind: f.kind,
    principalKind: f.principalKind,
    principalId: f.principalId,
    tenantId: f.tenantId,
    source: "rules",
    evidence: { ...f.evidence, ...(f.licenseId ? { licenseId: f.licenseId } : {}) },
    baseline: f.baseline,
    occurredAt: new Date(f.at),
  });

  /**
   * The model's flags joined to this batch's rules alerts (combine-layers.ts): merged into one of this
   * batch's rows (changed in place), raised alone (appended), or answered as corroboration of an earlier
   * alert (returned, to be written to it).
   */
  const withModel = (rows: AlertRow[], flags: ModelFlag[]): { alertId: string; flag: ModelFlag }[] => {
    const later: { alertId: string; flag: ModelFlag }[] = [];
    const decisions = combiner.combine(rows.map((r) => ({ id: r.id, principalKind: r.principalKind, principalId: r.principalId, at: r.occurredAt.getTime() })), flags);
    for (const d of decisions) {
      modelStats.flags++;
      if (d.as === "quiet") modelStats.quiet++;
      else if (d.as === "corroborates") {
        modelStats.corroborated++;
        const row = rows.find((r) => r.id === d.alertId);
        if (row) Object.assign(row, { source: "both", evidence: { ...row.evidence, model: d.flag.evidence } });
        else later.push({ alertId: d.alertId, flag: d.flag });
      } else {
        const f = d.flag;
        const finding: Finding = { kind: "sequence", principalKind: f.kind, principalId: f.principalId, tenantId: f.tenantId, licenseId: f.licenseId, at: f.at, evidence: f.evidence, baseline: f.baseline };
        if (isNews(finding)) rows.push({ ...toRow(finding), source: "model" });
      }
    }
    return later;
  };

  const corroborate = async (later: { alertId: string; flag: ModelFlag }[]) => {
    for (const { alertId, flag } of later) {
      await ctx.prisma.$executeRaw`
        UPDATE "detector_alerts" SET "source" = 'both', "evidence" = "evidence" || jsonb_build_object('model', ${JSON.stringify(flag.evidence)}::jsonb)
        WHERE "id" = ${alertId} AND "source" = 'rules'`;
    }
  };

  const raise = async (rows: AlertRow[]) => {
    await ctx.prisma.$transaction(async (tx) => {
      await tx.detectorAlert.createMany({ data: rows.map((r) => ({ ...r, evidence: r.evidence as Prisma.InputJsonObject, baseline: r.baseline as Prisma.InputJsonObject })) });
      await recordEvents(tx, rows.map((r) => ({
        action: "detector.alert",
        outcome: "success" as const,
        actor: { type: "service" as const, id: "detector", label: "Anomaly detector" },
        target: { type: "alert", id: r.id },
        tenantId: r.tenantId,
        sourceIp: null,
        requestId: null,
        data: { kind: r.kind, principal: `${r.principalKind}:${r.principalId}` },
      })));
    });
    const created = Date.now();
    for (const r of rows) {
      alerts++;
      ctx.metrics.detectorAlert(r.kind);
      options.onAlert?.({ id: r.id, kind: r.kind, principalId: r.principalId, occurredAt: r.occurredAt.getTime(), createdAt: created });
      // The model alone never acts on its own: a person reads its alert and may respond from it.
      if (r.source !== "model") await respondByPlan(r).catch((err: unknown) => options.log?.(err, "detector response failed"));
    }
  };

  const respondByPlan = async (r: { id: string; tenantId: string | null; principalKind: string; principalId: string; evidence: Record<string, unknown> }) => {
    const licenseId = typeof r.evidence.licenseId === "string" ? r.evidence.licenseId : null;
    const tierId = licenseId ? ((await ctx.prisma.license.findUnique({ where: { id: licenseId }, select: { tierId: true } }))?.tierId ?? null) : null;
    const plan = await settings.planFor(r.tenantId, tierId);
    const meta = { requestId: `detector-${r.id}`, sourceIp: null };
    for (const kind of plan.responses) {
      if (kind === "alert") continue;
      // A response that does not fit the alert (no license to throttle, say) is skipped, not an error.
      await respondToAlert(ctx, detectorActor, r, kind, plan.mode === "enforce" ? "apply" : "shadow", meta).catch(() => undefined);
    }
  };

  const queue = createEventQueue(consume, {
    capacity: options.capacity ?? 50_000,
    intervalMs: options.intervalMs ?? 100,
    maxBatch: options.maxBatch ?? 2_000,
    onDropped: () => ctx.metrics.detectorDropped(),
  });

  return {
    push: queue.push,
    drain: queue.drain,
    stats: () => ({ ...queue.stats(), alerts, model: { versions: models.versions(), ...modelStats, history: history?.stats() ?? null } }),
    modelsChanged: models.changed,
    settingsChanged: settings.invalidate,
    allow: (kind, id, set, value) => {
      const b = baselines.get(kind, id);
      if (b) allow(b, set, value);
    },
    async close() {
      await queue.close();
      await baselines.save().catch((err: unknown) => options.log?.(err, "detector baselines not written"));
      await history?.flush(true).catch((err: unknown) => options.log?.(err, "detector key history not written"));
      models.close();
    },
  };
}
