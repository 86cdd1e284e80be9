// The anomaly detector of one access process: the hot paths push events into a bounded queue (never
// awaited); batches are run through the rules against per-principal baselines; findings become alerts
// (one per kind and principal within the cooldown), each answered by the responses its tenant's plan
// names — in shadow mode recorded only. Baselines are written back every few seconds. A failing batch is
// logged and dropped: the detector never takes the service down with it.
import type { AccessContext } from "../domain/context";
import type { Prisma } from "../generated/prisma/client";
import { newId } from "../domain/secrets/ids";
import { detectorActor } from "../domain/security-alerts/detector-actor";
import { respondToAlert } from "../domain/security-alerts/respond-to-alert";
import { recordEvents } from "../outbox/record-event";
import { createAlertCooldown } from "./alert-cooldown";
import { createBaselineStore } from "./baseline-store";
import { allow, type SetName } from "./baselines";
import type { PrincipalKind } from "../../../contracts/security-alert-api";
import type { DetectorEvent, DetectorFeed } from "./detector-event";
import { createSettingsReader } from "./detector-settings";
import { createEventQueue } from "./event-queue";
import { ruleThresholds, type RuleThresholds } from "./rule-thresholds";
import { createRules, principalsOf, type Finding } from "./rules";

export type DetectorOptions = {
  /** Events held before the newest are dropped (default 50 000). */
  capacity?: number;
  /** How often a batch is taken (default 100 ms: detection well under a second after the event). */
  intervalMs?: number;
  maxBatch?: number;
  /** How often learned baselines are written back (default 5 s; and on close): a summary, not a ledger. */
  baselineFlushMs?: number;
  thresholds?: RuleThresholds;
  /** Told of each alert raised (the bench measures detection delay; tests wait on it). */
  onAlert?: (alert: { id: string; kind: string; principalId: string; occurredAt: number; createdAt: number }) => void;
  log?: (err: unknown, message: string) => void;
};

export type Detector = DetectorFeed & {
  /** Runs what is queued through the rules now (tests; the timer does it otherwise). */
  drain(): Promise<void>;
  stats(): { waiting: number; dropped: number; accepted: number; alerts: number };
  /** The settings changed: read them again. */
  settingsChanged(): void;
  /** "Not an anomaly" allowed a value in a principal's stored baseline: allow it in memory too. */
  allow(kind: PrincipalKind, id: string, set: SetName, value: string): void;
  close(): Promise<void>;
};

export function createDetector(ctx: AccessContext, options: DetectorOptions = {}): Detector {
  const t = options.thresholds ?? ruleThresholds;
  const rules = createRules(t);
  const baselines = createBaselineStore(ctx.prisma);
  const settings = createSettingsReader(ctx.prisma);
  const isNews = createAlertCooldown(t);
  let alerts = 0;
  let savedAt = 0;
  const flushMs = options.baselineFlushMs ?? 5_000;

  const consume = async (batch: DetectorEvent[]) => {
    try {
      await baselines.load(batch.flatMap(principalsOf));
      const findings: Finding[] = [];
      for (const e of batch) {
        for (const p of principalsOf(e)) {
          const b = baselines.get(p.kind, p.id);
          if (b) baselines.touch(b);
        }
        for (const f of rules.evaluate(e, (kind, id) => baselines.get(kind, id))) if (isNews(f)) findings.push(f);
      }
      // An alert's baseline is written with it; otherwise the learned state is written every few seconds.
      if (findings.length || Date.now() - savedAt >= flushMs) {
        savedAt = Date.now();
        await baselines.save();
      }
      if (findings.length) await raise(findings);
    } catch (err) {
      options.log?.(err, "detector batch failed");
    }
  };

  const raise = async (findings: Finding[]) => {
    const rows = findings.map((f) => ({
      id: newId("alr"),
      kind: f.kind,
      principalKind: f.principalKind,
      principalId: f.principalId,
      tenantId: f.tenantId,
      source: "rules",
      evidence: { ...f.evidence, ...(f.licenseId ? { licenseId: f.licenseId } : {}) },
      baseline: f.baseline,
      occurredAt: new Date(f.at),
    }));
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
      await respondByPlan(r).catch((err: unknown) => options.log?.(err, "detector response failed"));
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
    stats: () => ({ ...queue.stats(), alerts }),
    settingsChanged: settings.invalidate,
    allow: (kind, id, set, value) => {
      const b = baselines.get(kind, id);
      if (b) allow(b, set, value);
    },
    async close() {
      await queue.close();
      await baselines.save().catch((err: unknown) => options.log?.(err, "detector baselines not written"));
    },
  };
}
