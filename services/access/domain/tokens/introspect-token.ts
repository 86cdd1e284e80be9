// RFC 7662 introspection, the hot path: a malformed token (bad shape or checksum) is refused without a
// lookup; a found token's facts come from the per-process cache while the change feed is healthy, else
// from one statement on the unique digest index; the answer is decided per request against the clock.
// Anything but an active token answers exactly { active: false }, and so does a token of a component the
// caller is not a resource server of: a component learns nothing of tokens it does not serve, not even
// that they exist. Uses and a found token's refusals are counted in memory (token-usage.ts), not written,
// and so are accesses to a district's data for its record of disclosures (disclosures/access-record.ts);
// every answer is counted by outcome for /metrics (metrics/access-metrics.ts).
// An answer that would be active counts against the license's request-rate quota (quotas/); over it, the
// route answers 429 in OAuth's words with the rate-limit fields, never an { active: false } that reads as revoked.
import type { IntrospectionResponse } from "../../../../contracts/token-api";
import type { CachedToken } from "../../cache/token-introspection-cache";
import type { AccessContext } from "../context";
import { digestToken, isWellFormedToken } from "./token-format";
import { tokenState, type TokenState } from "./token-state";
import type { InactiveReason } from "../../metrics/access-metrics";
import type { QuotaDecision } from "../quotas/rate-limit-fields";

const inactive = (): IntrospectionResponse => ({ active: false });

/** The answer, and the quota's decision when the request was counted (null: not counted, no rate-limit fields; not admitted: the route answers 429). */
export type Introspection = { answer: IntrospectionResponse; quota: QuotaDecision | null };

/**
 * `presentedThumbprint` (RFC 8705): the thumbprint of the certificate the token was presented over, when
 * the resource server forwards it (`cnf_x5t_s256`); a certificate-bound token whose binding differs then
 * answers inactive and counts as a refusal. Without it, the answer carries cnf for the caller to compare.
 */
export async function introspectToken(ctx: AccessContext, caller: string, token: string, presentedThumbprint?: string, callerAddress: string | null = null): Promise<Introspection> {
  // Every answer is told to the anomaly detector (a push into its bounded queue, never awaited).
  const tell = (found: CachedToken | undefined, outcome: "active" | InactiveReason) =>
    ctx.detector?.push({
      type: "introspection", at: ctx.now().getTime(), tenantId: found?.tenantId ?? null, caller, address: callerAddress,
      tokenId: found?.tokenId ?? null, licenseId: found?.licenseId ?? null, presentedThumbprint: presentedThumbprint ?? null, outcome,
    });
  const uncounted = (reason: InactiveReason, found?: CachedToken): Introspection => {
    ctx.metrics.introspected({ active: false, reason });
    tell(found, reason);
    return { answer: inactive(), quota: null };
  };
  if (!isWellFormedToken(token)) return uncounted("malformed");
  const found = await findToken(ctx, digestToken(ctx.keys.secretDigest, token));
  if (!found) return uncounted("unknown");
  const now = ctx.now();
  const state = tokenState(found, found.license, now);
  const wronglyBound = presentedThumbprint !== undefined && found.certThumbprint !== null && found.certThumbprint !== presentedThumbprint;
  // A token shown to a component that does not serve its own is one presented in the wrong place: a refusal.
  const notServed = !found.resourceServers.includes(caller);
  if (!state.active || wronglyBound || notServed) {
    ctx.tokenUsage?.noteRefusal(found, now); // a revoked, expired or stolen token still presented is worth showing
    return uncounted(notServed ? "not-served" : !state.active ? inactiveReason(state) : "wrong-certificate", found);
  }
  const checked = ctx.quotas?.check("introspections", { licenseId: found.licenseId, tenantId: found.tenantId, requestsPerMinute: found.license.requestsPerMinute });
  const quota = (checked instanceof Promise ? await checked : checked) ?? null;
  if (quota && !quota.admitted) {
    ctx.metrics.introspected({ active: false, reason: "rate-limited" });
    tell(found, "rate-limited");
    return { answer: inactive(), quota };
  }
  ctx.metrics.introspected({ active: true });
  tell(found, "active");
  ctx.tokenUsage?.note(found, now);
  ctx.accessRecord?.note({ type: "token", id: found.tokenId, tenantId: found.tenantId }, caller, state.scopes, now);
  const answer: IntrospectionResponse = {
    active: true,
    scope: state.scopes.join(" "),
    ...(found.clientId ? { client_id: found.clientId } : {}),
    exp: Math.floor(found.expiresAt.getTime() / 1000),
    iat: Math.floor(found.createdAt.getTime() / 1000),
    sub: found.tokenId,
    aud: found.component,
    token_type: "Bearer",
    license_id: found.licenseId,
    tenant_id: found.tenantId,
    ...(found.certThumbprint ? { cnf: { "x5t#S256": found.certThumbprint } } : {}),
  };
  return { answer, quota };
}

/** Why a found token grants nothing now, for the metrics: its own state first, then its license's, then its scopes. */
function inactiveReason(state: TokenState): InactiveReason {
  if (state.status !== "active") return state.status;
  return state.licenseActive ? "no-scope" : "license-inactive";
}

async function findToken(ctx: AccessContext, digest: string): Promise<CachedToken | undefined> {
  const cache = ctx.tokenCache;
  const cached = cache?.get(digest);
  if (cached) return cached;
  const ticket = cache?.ticket() ?? null;
  const found = await loadToken(ctx, digest);
  if (found && cache && ticket !== null) cache.put(ticket, digest, found);
  return found;
}

type Row = Omit<CachedToken, "license"> & { licenseStatus: CachedToken["license"]["status"]; startsAt: Date; endsAt: Date; licenseScopes: string[]; requestsPerMinute: number };

async function loadToken(ctx: AccessContext, digest: string): Promise<CachedToken | undefined> {
  // One statement, one round trip (as in validate-license.ts); the license's scopes derive from its tier
  // now — those of its component, as in domain/tiers/tier-scope-keys.ts.
  const rows = await ctx.prisma.$queryRaw<Row[]>`
    SELECT k."id" AS "tokenId", k."license_id" AS "licenseId", k."tenant_id" AS "tenantId", k."client_id" AS "clientId",
           k."cert_thumbprint" AS "certThumbprint", k."scopes" AS "scopes", k."created_at" AS "createdAt", k."expires_at" AS "expiresAt",
           k."revoked_at" AS "revokedAt", l."tier_id" AS "tierId", l."component_id" AS "componentId", c."key" AS "component",
           l."status"::text AS "licenseStatus", l."starts_at" AS "startsAt", l."ends_at" AS "endsAt",
           COALESCE(l."requests_per_minute", (SELECT t."requests_per_minute" FROM "service_tiers" t WHERE t."id" = l."tier_id")) AS "requestsPerMinute",
           ARRAY(SELECT s."key" FROM "tier_scopes" ts JOIN "scopes" s ON s."id" = ts."scope_id"
                 WHERE ts."tier_id" = l."tier_id" AND s."component_id" = l."component_id" ORDER BY s."key") AS "licenseScopes",
           ARRAY(SELECT rs."identity" FROM "resource_servers" rs WHERE rs."component_id" = l."component_id" ORDER BY rs."identity") AS "resourceServers"
    FROM "tokens" k
    JOIN "licenses" l ON l."id" = k."license_id"
    JOIN "components" c ON c."id" = l."component_id"
    WHERE k."digest" = ${digest}`;
  const row = rows[0];
  if (!row) return undefined;
  const { licenseStatus, startsAt, endsAt, licenseScopes, requestsPerMinute, ...token } = row;
  return { ...token, license: { status: licenseStatus, startsAt, endsAt, scopes: licenseScopes, requestsPerMinute } };
}
