// The access service's product metrics counted on the hot paths: one counter increment in memory per
// request, never I/O. Every label takes a value from a fixed set (outcomes, reasons, kinds declared in the
// contracts or below), never an id, a tenant or a caller's name, so the series stay bounded. What is
// read at scrape time (outbox lag, change feed, cache ratio) is in scrape-metrics.ts.
import { Counter, Registry } from "prom-client";
import type { ValidationFailureReason } from "../../../contracts/license-api";
import type { OAuthErrorCode } from "../../../contracts/oauth-api";
import type { QuotaKind } from "../domain/quotas/rate-limited-counts";

/** Why an introspection answered inactive (the answer itself is always exactly { active: false }). */
export type InactiveReason = "malformed" | "unknown" | "revoked" | "expired" | "license-inactive" | "no-scope" | "wrong-certificate" | "not-served" | "rate-limited";

export type AccessMetrics = {
  registry: Registry;
  introspected(outcome: { active: true } | { active: false; reason: InactiveReason }): void;
  /** `not-served` answers as `unknown-key` to the caller; here it is told apart. */
  validated(outcome: { valid: true } | { valid: false; reason: ValidationFailureReason | "not-served" }): void;
  granted(outcome: { issued: true } | { issued: false; reason: OAuthErrorCode }): void;
  /** Tokens revoked, by the reason stored on them (token-dto's revokeReason: revoked, leaked, revoke-all, oauth-revoke, client-revoked, leak-reported). */
  revoked(reason: string, tokens: number): void;
  rateLimited(kind: QuotaKind): void;
  /** An alert the anomaly detector raised, by kind (contracts/security-alert-api.ts alertKinds). */
  detectorAlert(kind: string): void;
  /** An event the detector's queue was too full to take (counted, never waited for). */
  detectorDropped(): void;
};

/** The counters, on `registry` (a service's /metrics), or on a registry of their own where nothing scrapes them (one-off commands, some tests). */
export function createAccessMetrics(registry: Registry = new Registry()): AccessMetrics {
  const introspections = new Counter({
    name: "tessera_token_introspections_total",
    help: "Token introspections (RFC 7662) answered, by outcome (active, inactive) and, when inactive, why",
    labelNames: ["outcome", "reason"],
    registers: [registry],
  });
  const validations = new Counter({
    name: "tessera_license_validations_total",
    help: "License validations answered, by outcome (valid, refused) and, when refused, the reason",
    labelNames: ["outcome", "reason"],
    registers: [registry],
  });
  const grants = new Counter({
    name: "tessera_client_credentials_grants_total",
    help: "OAuth client-credentials grants, by outcome (issued, refused) and, when refused, the OAuth error code",
    labelNames: ["outcome", "reason"],
    registers: [registry],
  });
  const revocations = new Counter({
    name: "tessera_token_revocations_total",
    help: "Tokens revoked, by the reason recorded on the token",
    labelNames: ["reason"],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: "tessera_rate_limited_requests_total",
    help: "Requests refused over their license's request-rate quota, by kind (validations, introspections, grants)",
    labelNames: ["kind"],
    registers: [registry],
  });
  const detectorAlerts = new Counter({
    name: "tessera_detector_alerts_total",
    help: "Alerts raised by the anomaly detector, by kind",
    labelNames: ["kind"],
    registers: [registry],
  });
  const detectorDropped = new Counter({
    name: "tessera_detector_dropped_events_total",
    help: "Events the anomaly detector's bounded queue dropped under overload (the request was answered; only its analysis was lost)",
    registers: [registry],
  });
  return {
    registry,
    introspected: (o) => introspections.inc(o.active ? { outcome: "active", reason: "none" } : { outcome: "inactive", reason: o.reason }),
    validated: (o) => validations.inc(o.valid ? { outcome: "valid", reason: "none" } : { outcome: "refused", reason: o.reason }),
    granted: (o) => grants.inc(o.issued ? { outcome: "issued", reason: "none" } : { outcome: "refused", reason: o.reason }),
    revoked: (reason, tokens) => {
      if (tokens > 0) revocations.inc({ reason }, tokens);
    },
    rateLimited: (kind) => rateLimited.inc({ kind }),
    detectorAlert: (kind) => detectorAlerts.inc({ kind }),
    detectorDropped: () => detectorDropped.inc(),
  };
}
