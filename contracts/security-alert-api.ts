// The anomaly detector's alerts and responses as the access service answers them and the Security alerts
// page shows them: the one home of the alert kinds, response kinds, their labels and the request shapes.
import { z } from "zod";

/** What the detector flags (services/access/detector/rules.ts; `sequence` is the model's). */
export const alertKinds = [
  "new-certificate", // a token presented by a certificate identity it was never presented by
  "new-network", // … or from a network it never used
  "new-component", // a token or license used at a component, or with a scope, it never touched
  "volume", // requests far above the principal's own moving baseline
  "refusal-burst", // a burst of refusals of one caller or credential (a revoked component retrying)
  "new-device", // a person's session from a device never seen
  "credential-stuffing", // failed sign-ins for many accounts from one address
  "enumeration", // unknown tokens presented by one caller
  "sequence", // the sequence model: an event not among the likely next ones
] as const;
export type AlertKind = (typeof alertKinds)[number];

export const alertKindLabels: Record<AlertKind, string> = {
  "new-certificate": "New certificate identity",
  "new-network": "New network",
  "new-component": "New component or scope",
  volume: "Volume above baseline",
  "refusal-burst": "Refusal burst",
  "new-device": "New device",
  "credential-stuffing": "Credential stuffing",
  enumeration: "Token enumeration",
  sequence: "Unlikely sequence",
};

/** How the detector may respond; `step-up` demands a fresh second factor of the person's sessions, `shun` stays pending (the operator revokes the certificate). */
export const responseKinds = ["alert", "step-up", "throttle", "suspend", "shun"] as const;
export type ResponseKind = (typeof responseKinds)[number];
export const responseKindLabels: Record<ResponseKind, string> = {
  alert: "Alert only",
  "step-up": "Require step-up",
  throttle: "Throttle the license",
  suspend: "Suspend the license",
  shun: "Shun the certificate",
};
/** Responses that cut a customer off: the console asks for confirmation first. */
export const destructiveResponses: readonly ResponseKind[] = ["suspend", "shun"];

export const principalKinds = ["token", "license", "person", "caller", "address"] as const;
export type PrincipalKind = (typeof principalKinds)[number];

export const alertStates = ["open", "not_anomaly", "resolved"] as const;
export const responseStates = ["shadow", "applied", "reversed", "pending"] as const;

export const detectorResponseDto = z.object({
  id: z.string(),
  kind: z.enum(responseKinds),
  state: z.enum(responseStates),
  target: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  reversedAt: z.string().nullable(),
});
export type DetectorResponseDto = z.infer<typeof detectorResponseDto>;

/**
 * What a sequence model's flag shows (services/access/detector/sequence/model-layer.ts): the event's key,
 * the keys of the principal's events before it, the g keys the model expected instead, and which model.
 * A "sequence" alert's evidence; under `model` in a rules alert it corroborates (source "both").
 */
export const sequenceEvidence = z.object({
  key: z.string(),
  window: z.array(z.string()),
  expected: z.array(z.string()),
  model: z.string(),
  version: z.number().int(),
  g: z.number().int(),
});
export type SequenceEvidence = z.infer<typeof sequenceEvidence>;

export const securityAlertDto = z.object({
  id: z.string(),
  kind: z.enum(alertKinds),
  principalKind: z.enum(principalKinds),
  principalId: z.string(),
  tenantId: z.string().nullable(),
  source: z.enum(["rules", "model", "both"]),
  evidence: z.record(z.string(), z.unknown()),
  baseline: z.record(z.string(), z.unknown()),
  state: z.enum(alertStates),
  occurredAt: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  responses: z.array(detectorResponseDto),
});
export type SecurityAlertDto = z.infer<typeof securityAlertDto>;

export const listSecurityAlertsQuery = z.strictObject({
  kind: z.enum(alertKinds).optional(),
  state: z.enum(alertStates).optional(),
  tenantId: z.string().max(64).optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListSecurityAlertsQuery = z.infer<typeof listSecurityAlertsQuery>;

/** Alerts per day, kind and tenant over the window the page charts. */
export const alertCountDto = z.object({ day: z.string(), kind: z.enum(alertKinds), tenantId: z.string().nullable(), count: z.number().int() });
export const listSecurityAlertsResponse = z.object({
  alerts: z.array(securityAlertDto),
  nextCursor: z.string().nullable(),
  counts: z.array(alertCountDto),
});
export type ListSecurityAlertsResponse = z.infer<typeof listSecurityAlertsResponse>;

export const alertParams = z.strictObject({ id: z.string().min(1).max(64) });
export const responseParams = z.strictObject({ id: z.string().min(1).max(64), responseId: z.string().min(1).max(64) });

/** A person applies one response from the alert (one-click action). */
export const applyAlertResponseRequest = z.strictObject({ kind: z.enum(responseKinds) });
/** "Not an anomaly": what was flagged becomes part of the principal's normal; or resolve it as handled. */
export const decideAlertRequest = z.strictObject({ decision: z.enum(["not_anomaly", "resolved"]) });

export const alertResponse = z.object({ alert: securityAlertDto });

export const detectorSettingDto = z.object({ scope: z.string(), mode: z.enum(["shadow", "enforce"]), responses: z.array(z.enum(responseKinds)) });
export const putDetectorSettingRequest = z.strictObject({
  scope: z.string().regex(/^(default|tier:[A-Za-z0-9_-]{1,64}|tenant:[A-Za-z0-9_-]{1,64})$/, "Use default, tier:<id> or tenant:<id>."),
  mode: z.enum(["shadow", "enforce"]),
  responses: z.array(z.enum(responseKinds)).max(responseKinds.length),
});
export const detectorSettingsResponse = z.object({ settings: z.array(detectorSettingDto) });
