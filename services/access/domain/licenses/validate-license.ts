// The hot path for internal components: is this license key valid (for this scope), and what does it
// carry? Answered from the per-process validation cache (services/access/cache) when it is healthy, else
// by one statement using the unique key-digest index; validity against the clock is decided here per
// request either way. No writes on success. Failures are audited through a per-process limiter. A license
// of a component the caller is not a resource server of answers exactly as an unknown key (the audit
// trail says why: not-served). A license that would validate counts against its request-rate quota
// (quotas/); over it the answer is reason rate-limited, with the rate-limit fields for the route to send.
// With a fingerprint, only a seat it holds validates (one indexed read of its activation: activations
// change with every heartbeat, so they are not cached). Each answer about a found license the caller serves
// is counted for the dashboard (validation-counts.ts, in memory), valid or refused; every answer is counted
// by outcome and reason for /metrics (metrics/access-metrics.ts).
import type { ValidateLicenseResponse, ValidationFailureReason } from "../../../../contracts/license-api";
import type { CachedLicense } from "../../cache/license-validation-cache";
import type { AccessContext, RequestMeta } from "../context";
import { activationLive } from "../activations/activation-state";
import { digestLicenseKey } from "./license-key";
import type { ValidationFailureAudit } from "./validation-failure-audit";
import type { QuotaDecision } from "../quotas/rate-limit-fields";

type Found = CachedLicense;

/** The answer, and the quota's decision when the request was counted (null: not counted, no rate-limit fields). */
export type Validation = { answer: ValidateLicenseResponse; quota: QuotaDecision | null };

export async function validateLicense(
  ctx: AccessContext,
  failures: ValidationFailureAudit,
  caller: string,
  input: { key: string; scope?: string; fingerprint?: string },
  meta: RequestMeta,
): Promise<Validation> {
  const validation = await decideValidation(ctx, failures, caller, input, meta);
  // Told to the anomaly detector (a push into its bounded queue, never awaited); not-served answers as unknown.
  const { answer } = validation;
  ctx.detector?.push({
    type: "validation", at: ctx.now().getTime(), caller, address: meta.sourceIp, scope: input.scope ?? null,
    tenantId: answer.valid ? answer.tenantId : null, licenseId: answer.valid ? answer.licenseId : null, outcome: answer.valid ? "valid" : answer.reason,
  });
  return validation;
}

async function decideValidation(
  ctx: AccessContext,
  failures: ValidationFailureAudit,
  caller: string,
  input: { key: string; scope?: string; fingerprint?: string },
  meta: RequestMeta,
): Promise<Validation> {
  const digest = digestLicenseKey(ctx.keys.secretDigest, input.key);
  const license = await findLicense(ctx, digest);
  if (license && !license.resourceServers.includes(caller)) {
    ctx.metrics.validated({ valid: false, reason: "not-served" });
    await failures.record(ctx, { caller, reason: "not-served", licenseId: license.licenseId, tenantId: license.tenantId, scope: input.scope ?? null }, meta);
    return { answer: { valid: false, reason: "unknown-key" }, quota: null };
  }
  const now = ctx.now();
  const reason = license ? (failureReason(license, input.scope, now) ?? (input.fingerprint === undefined ? null : await seatReason(ctx, license, input.fingerprint, now))) : "unknown-key";
  if (license && reason) ctx.licenseValidations?.note(license, now, "refused");
  if (reason || !license) {
    const why = reason ?? "unknown-key";
    ctx.metrics.validated({ valid: false, reason: why });
    await failures.record(ctx, { caller, reason: why, licenseId: license?.licenseId ?? null, tenantId: license?.tenantId ?? null, scope: input.scope ?? null }, meta);
    return { answer: { valid: false, reason: why }, quota: null };
  }
  const quota = (await ctx.quotas?.check("validations", license)) ?? null;
  if (quota && !quota.admitted) {
    ctx.metrics.validated({ valid: false, reason: "rate-limited" });
    await failures.record(ctx, { caller, reason: "rate-limited", licenseId: license.licenseId, tenantId: license.tenantId, scope: input.scope ?? null }, meta);
    return { answer: { valid: false, reason: "rate-limited" }, quota };
  }
  ctx.licenseValidations?.note(license, now, "valid");
  ctx.metrics.validated({ valid: true });
  ctx.accessRecord?.note({ type: "license", id: license.licenseId, tenantId: license.tenantId }, caller, input.scope ? [input.scope] : license.scopes, now);
  const answer: ValidateLicenseResponse = {
    valid: true,
    licenseId: license.licenseId,
    tenantId: license.tenantId,
    component: license.component,
    tier: license.tier,
    scopes: license.scopes,
    expiresAt: license.endsAt.toISOString(),
    status: "active",
  };
  return { answer, quota };
}

/** From the per-process cache when it is healthy and holds the key, else from the database (then cached). */
async function findLicense(ctx: AccessContext, digest: string): Promise<Found | undefined> {
  const cache = ctx.licenseValidationCache;
  const cached = cache?.get(digest);
  if (cached) return cached;
  const ticket = cache?.ticket() ?? null;
  const found = await loadLicense(ctx, digest);
  if (found && cache && ticket !== null) cache.put(ticket, digest, found);
  return found;
}

async function loadLicense(ctx: AccessContext, digest: string): Promise<Found | undefined> {
  // One statement, one round trip: measured over mTLS at ~2.4x the throughput of Prisma's nested
  // findUnique, which sends a query per relation (see bench/license-validate.ts). Scopes derive from
  // the tier now — those of the license's component, as in domain/tiers/tier-scope-keys.ts.
  const rows = await ctx.prisma.$queryRaw<Found[]>`
    SELECT l."id" AS "licenseId", l."tenant_id" AS "tenantId", l."status"::text AS "status", l."starts_at" AS "startsAt", l."ends_at" AS "endsAt",
           l."component_id" AS "componentId", c."key" AS "component", l."tier_id" AS "tierId", t."key" AS "tier",
           COALESCE(l."requests_per_minute", t."requests_per_minute") AS "requestsPerMinute", t."heartbeat_window_minutes" AS "heartbeatWindowMinutes",
           ARRAY(SELECT s."key" FROM "tier_scopes" ts JOIN "scopes" s ON s."id" = ts."scope_id"
                 WHERE ts."tier_id" = l."tier_id" AND s."component_id" = l."component_id" ORDER BY s."key") AS "scopes",
           ARRAY(SELECT rs."identity" FROM "resource_servers" rs WHERE rs."component_id" = l."component_id" ORDER BY rs."identity") AS "resourceServers"
    FROM "licenses" l
    JOIN "components" c ON c."id" = l."component_id"
    JOIN "service_tiers" t ON t."id" = l."tier_id"
    WHERE l."key_digest" = ${digest}`;
  return rows[0];
}

/** Whether the fingerprint holds a live seat of the license: null if it does, else why not. */
async function seatReason(ctx: AccessContext, license: Pick<Found, "licenseId" | "heartbeatWindowMinutes">, fingerprint: string, now: Date): Promise<ValidationFailureReason | null> {
  const rows = await ctx.prisma.$queryRaw<{ lastSeenAt: Date }[]>`
    SELECT "last_seen_at" AS "lastSeenAt" FROM "activations" WHERE "license_id" = ${license.licenseId} AND "fingerprint" = ${fingerprint}`;
  const seat = rows[0];
  if (!seat) return "not-activated";
  return activationLive(seat.lastSeenAt, license.heartbeatWindowMinutes, now) ? null : "activation-expired";
}

/** Why a found license does not validate now, or null. Order: the license's state first, then the scope. */
export function failureReason(l: Pick<Found, "status" | "startsAt" | "endsAt" | "scopes">, scope: string | undefined, now: Date): ValidationFailureReason | null {
  if (l.status === "revoked") return "revoked";
  if (l.status === "suspended") return "suspended";
  if (l.status === "expired" || l.endsAt <= now) return "expired";
  if (l.startsAt > now) return "not-yet-valid";
  if (scope !== undefined && !l.scopes.includes(scope)) return "scope-not-granted";
  return null;
}
