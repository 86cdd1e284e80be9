// The audit service's HTTP contract: events as written by the access service's outbox relay and the web tier.
import { z } from "zod";

export const auditAction = z.string().regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/, "action looks like area.verb");

export const auditEvent = z.object({
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  action: auditAction,
  outcome: z.enum(["success", "failure"]),
  actor: z.object({
    type: z.enum(["user", "service", "operator", "anonymous"]),
    id: z.string().max(200).nullable(),
    label: z.string().max(320).nullable(),
  }),
  target: z.object({ type: z.string().max(50), id: z.string().max(200) }).nullable(),
  tenantId: z.string().max(100).nullable(),
  sourceIp: z.string().max(64).nullable(),
  requestId: z.string().max(100).nullable(),
  /** Non-secret details; never a password, key or token. */
  data: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEvent = z.infer<typeof auditEvent>;

/** POST /v1/events (callers: access, web) → 200. Idempotent by event id. */
export const appendEventsRequest = z.object({ events: z.array(auditEvent).min(1).max(500) });
export const appendEventsResponse = z.object({ stored: z.number().int(), duplicates: z.number().int() });

export const storedEvent = auditEvent.extend({
  seq: z.number().int(),
  receivedAt: z.iso.datetime(),
  mac: z.string(),
});
export type StoredEvent = z.infer<typeof storedEvent>;

/** GET /v1/events?limit=&beforeSeq=&action=&tenantId= (callers: access, operator; the web tier reads through the access service) */
export const listEventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  beforeSeq: z.coerce.number().int().positive().optional(),
  action: auditAction.optional(),
  tenantId: z.string().max(100).optional(),
  /** A target's events (both given together), e.g. targetType=license&targetId=lic_…  */
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(200).optional(),
});
export const listEventsResponse = z.object({ events: z.array(storedEvent), nextBeforeSeq: z.number().int().nullable() });

/** GET /v1/chain/verify (callers: access, operator; the web tier reads through the access service) */
export const verifyChainResponse = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
});
