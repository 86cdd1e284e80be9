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

/** An action (`license.revoke`) or, ending in a dot, every action of an area (`license.`). */
export const auditActionFilter = z.string().max(100).regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*\.?$/, "an action such as license.revoke, or an area such as license.");

/**
 * Which events (every filter optional, all of them together): the one shape the list, the exports and
 * the chain segment take. The audit service serves each with an index (see prisma/audit/schema.prisma).
 */
export const eventFilterFields = {
  action: auditActionFilter.optional(),
  tenantId: z.string().min(1).max(100).optional(),
  actorId: z.string().min(1).max(200).optional(),
  /** A target's events: targetId alone, or with its type, e.g. targetType=license&targetId=lic_…  */
  targetType: z.string().min(1).max(50).optional(),
  targetId: z.string().min(1).max(200).optional(),
  /** occurredAt from (inclusive) and to (exclusive). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Text anywhere in the event (names, ids, details), case-insensitive. */
  q: z.string().trim().min(1).max(200).optional(),
};
/** The time range's one rule, for every schema that carries the filter. */
export const orderedRange: [(f: { from?: string; to?: string }) => boolean, { message: string; path: string[] }] = [
  (f) => !(f.from && f.to) || Date.parse(f.from) < Date.parse(f.to),
  { message: "The start of the time range must be before its end.", path: ["to"] },
];
export const eventFilter = z.object(eventFilterFields).refine(...orderedRange);
export type EventFilter = z.infer<typeof eventFilter>;

/** GET /v1/events?limit=&beforeSeq=&<filter> (callers: access, operator; the web tier reads through the access service) */
export const listEventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  beforeSeq: z.coerce.number().int().positive().optional(),
  ...eventFilterFields,
}).refine(...orderedRange);
export const listEventsResponse = z.object({ events: z.array(storedEvent), nextBeforeSeq: z.number().int().nullable() });

/** GET /v1/chain/verify (callers: access, operator; the web tier reads through the access service) */
export const verifyChainResponse = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
});

/** GET /v1/chain/verify?by=&personId=&personLabel=: who asked, recorded with the run (the operator is known by its certificate). */
export const verifyChainQuery = z.object({
  by: z.enum(["selfcheck", "person"]).optional(),
  personId: z.string().min(1).max(200).optional(),
  personLabel: z.string().max(320).optional(),
}).refine((q) => q.by !== "person" || q.personId !== undefined, { message: "A person's verification names the person.", path: ["personId"] });

/** GET /v1/chain/segment/entries?<filter>&fromSeq=&toSeq=&limit= */
export const segmentEntriesQuery = z.object({
  fromSeq: z.coerce.number().int().positive(),
  toSeq: z.coerce.number().int().nonnegative(),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
  ...eventFilterFields,
}).refine(...orderedRange);

/** One recorded run of the chain's verification (GET /v1/chain/verifications/latest). */
export const chainVerification = z.object({
  at: z.iso.datetime(),
  by: z.enum(["operator", "selfcheck", "person", "access"]),
  personId: z.string().nullable(),
  personLabel: z.string().nullable(),
  ok: z.boolean(),
  count: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  /** The newest checkpoint's state when checked (held, missing, changed, none); null where it was not. */
  anchor: z.string().nullable(),
});
export type ChainVerification = z.infer<typeof chainVerification>;
export const latestVerificationResponse = z.object({ latest: chainVerification.nullable() });
