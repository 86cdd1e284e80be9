// Runs the security plan's self-checks, keeps the latest result of each for the plan page and writes
// every result into the audit chain as evidence (through the outbox, in the same transaction). Used by
// the access service's schedule and its "run now" route, and by `tessera selfcheck` on the access host.
import { checkIds, type CheckId, type CheckResult } from "../../../../contracts/security-plan";
import type { AccessPrisma } from "../../db/prisma";
import type { AuditClient } from "../../outbox/deliver-batch";
import { recordEvent, type RecordableEvent } from "../../outbox/record-event";
import type { AccessContext } from "../context";
import { checkAccessReview } from "./access-review";
import { checkAuditChain } from "./audit-chain-check";
import { checkOwnDatabase, checkTargets } from "./credential-checks";
import { checkKeys, type KeyCheckInput } from "./key-check";
import { checkPasswordPolicyInForce } from "./password-policy-check";
import { checkSignInThrottle } from "./throttle-check";
import { checkTls, type TlsCheckInput } from "./tls-check";
import { checkWebTierEnvironment, type WebTierEnvironment } from "./web-tier-check";

/** What the checks look at besides the access context: configuration the access host holds. */
export type SelfCheckSetup = {
  ownDatabase: { databaseUrl?: string; embeddedDir: string };
  targets: URL[];
  tls: TlsCheckInput;
  keys: KeyCheckInput;
  /** The web tier's declared environment; null where this process cannot see it (the access service itself). */
  webTier: WebTierEnvironment | null;
};

/** What the checks run with: a clock, the audit client, and the access context where the database is open. */
export type SelfCheckDeps = {
  now: () => Date;
  auditClient: AuditClient | null;
  /** Null where the access database cannot be opened (`tessera selfcheck` beside a running embedded service): checks that need it do not run. */
  access: AccessContext | null;
};

export const depsOf = (ctx: AccessContext): SelfCheckDeps => ({ now: ctx.now, auditClient: ctx.auditClient, access: ctx });

type Runner = (deps: SelfCheckDeps, setup: SelfCheckSetup) => Promise<CheckResult> | CheckResult | null;

/** Checks that need the access database (the sign-in rule, the accounts and clients reviewed). */
export const databaseChecks: readonly CheckId[] = ["sign-in.throttle", "access-review.privileged"];

const runners: Record<CheckId, Runner> = {
  "credentials.own-database": (d, s) => checkOwnDatabase({ ...s.ownDatabase, service: "access" }, d.now),
  "credentials.targets": (d, s) => checkTargets(s.targets, d.now),
  "tls.services": (d, s) => checkTls(s.tls, d.now),
  "keys.by-purpose": (d, s) => checkKeys(s.keys, d.now),
  "passwords.policy": (d) => checkPasswordPolicyInForce(d.now),
  "audit.chain": (d) => checkAuditChain(d.auditClient, d.now),
  "web-tier.no-secrets": (d, s) => (s.webTier ? checkWebTierEnvironment(s.webTier, d.now) : null),
  "sign-in.throttle": (d) => (d.access ? checkSignInThrottle(d.access, d.now) : null),
  "access-review.privileged": (d) => (d.access ? checkAccessReview(d.access, d.now) : null),
};

/** Runs one check; null when this process cannot run it (its latest result, from elsewhere, stands). A check that throws fails. */
export async function runSelfCheck(deps: SelfCheckDeps, setup: SelfCheckSetup, id: CheckId): Promise<CheckResult | null> {
  try {
    return await runners[id](deps, setup);
  } catch (e) {
    return { checkId: id, result: "fail", sentence: `The check could not run: ${(e as Error).message}.`, evidence: {}, checkedAt: deps.now().toISOString() };
  }
}

/** Runs the given checks one after another (the throttle run and the chain walk should not compete), reporting each as it ends. */
export async function runSelfChecks(deps: SelfCheckDeps, setup: SelfCheckSetup, ids: readonly CheckId[] = checkIds, onResult?: (r: CheckResult) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const id of ids) {
    const result = await runSelfCheck(deps, setup, id);
    if (!result) continue;
    results.push(result);
    onResult?.(result);
  }
  return results;
}

/** Keeps each result as its check's latest and audits it (action security_plan.check), all in one transaction. */
export async function storeCheckResults(prisma: AccessPrisma, results: CheckResult[], ranBy: string, actor: RecordableEvent["actor"], requestId: string | null = null): Promise<void> {
  if (results.length === 0) return;
  await prisma.$transaction(async (tx) => {
    for (const r of results) {
      const row = { result: r.result, sentence: r.sentence, evidence: r.evidence as object, checkedAt: new Date(r.checkedAt), ranBy };
      await tx.securityCheckResult.upsert({ where: { checkId: r.checkId }, create: { checkId: r.checkId, ...row }, update: row });
      await recordEvent(tx, {
        action: "security_plan.check",
        outcome: r.result === "fail" ? "failure" : "success",
        actor,
        target: { type: "self-check", id: r.checkId },
        tenantId: null,
        sourceIp: null,
        requestId,
        data: { result: r.result, sentence: r.sentence, evidence: r.evidence, checkedAt: r.checkedAt, ranBy },
      });
    }
  });
}

/** The latest result of every check that has run, in plan order. */
export async function latestCheckResults(prisma: AccessPrisma): Promise<CheckResult[]> {
  const rows = await prisma.securityCheckResult.findMany();
  const byId = new Map(rows.map((r) => [r.checkId, r]));
  return checkIds.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{ checkId: id, result: r.result as CheckResult["result"], sentence: r.sentence, evidence: r.evidence as Record<string, unknown>, checkedAt: r.checkedAt.toISOString() }];
  });
}
