// The console's audit log (access service, GET /v1/audit/…): events as sentences with names, the same
// filters as the audit service's, exports (CSV, JSON, a verifiable chain segment) and the chain's status.
import { z } from "zod";
import { chainVerification, eventFilterFields, orderedRange } from "./audit-api";

/** GET /v1/audit/events?limit=&beforeSeq=&action=&actorId=&targetId=&tenantId=&from=&to=&q= */
export const auditLogQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  beforeSeq: z.coerce.number().int().positive().optional(),
  ...eventFilterFields,
}).refine(...orderedRange);
export type AuditLogQuery = z.infer<typeof auditLogQuery>;

/** GET /v1/audit/export?format=csv|json|segment&<filters> */
export const auditExportQuery = z.object({
  format: z.enum(["csv", "json", "segment"]),
  ...eventFilterFields,
}).refine(...orderedRange);

const named = z.object({ id: z.string().nullable(), name: z.string() });

export const auditLogEntry = z.object({
  seq: z.number().int(),
  id: z.string(),
  occurredAt: z.string(),
  action: z.string(),
  outcome: z.enum(["success", "failure"]),
  /** The event in plain language, with names: "Ada Lovelace revoked license Reports for Denver Public Schools". */
  sentence: z.string(),
  actor: named.extend({ type: z.string() }),
  target: named.extend({ type: z.string() }).nullable(),
  tenant: named.nullable(),
  sourceIp: z.string().nullable(),
  requestId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type AuditLogEntry = z.infer<typeof auditLogEntry>;

export const auditLogResponse = z.object({ events: z.array(auditLogEntry), nextBeforeSeq: z.number().int().nullable() });
export type AuditLogResponse = z.infer<typeof auditLogResponse>;

/** GET /v1/audit/chain-status: when the chain was last verified and by what, and its newest signed checkpoint. */
export const chainStatusResponse = z.object({
  lastVerification: chainVerification.extend({ byLabel: z.string() }).nullable(),
  checkpoint: z.object({ seq: z.number().int(), at: z.string() }).nullable(),
  /** The published key that verifies checkpoints and segments (JWK). */
  publicKey: z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string() }).nullable(),
});
export type ChainStatus = z.infer<typeof chainStatusResponse>;

/** POST /v1/audit/chain/verify: the verification a person runs from the console. */
export const verifyNowResponse = z.object({ ok: z.boolean(), count: z.number().int(), firstBrokenSeq: z.number().int().nullable() });
