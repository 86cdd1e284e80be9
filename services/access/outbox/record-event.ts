// Records an audit event in the caller's transaction (the transactional outbox): the event commits or
// rolls back with the change it describes, and the relay delivers it to the audit service later.
//
// Secrets never go in events: no password, key, token, client secret or setup link, not even hashed.
// Name the thing changed (target: { type: "token", id }) instead. Field names and values that look like
// secrets are refused here, as are malformed events, so a bad event fails the transaction before commit.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { auditEvent, type AuditEvent } from "../../../contracts/audit-api";
import type { Prisma } from "../generated/prisma/client";
import { findSecret } from "./assert-no-secrets";

/** A malformed or secret-bearing event: a bug in a rule, or bad input where events come from outside (the operator's). */
export class AuditEventRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditEventRefused";
  }
}

/** An event as a rule writes it: id and time are filled in unless given. */
export type RecordableEvent = Omit<z.input<typeof auditEvent>, "id" | "occurredAt"> & { id?: string; occurredAt?: string };

/** The one thing recordEvent needs of a Prisma transaction client (any access client variant fits). */
export type OutboxWriter = {
  outboxEvent: { create(args: { data: { id: string; payload: Prisma.InputJsonValue } }): PromiseLike<unknown> };
};

export async function recordEvent(tx: OutboxWriter, input: RecordableEvent): Promise<AuditEvent> {
  const event = checkedEvent(input);
  await tx.outboxEvent.create({ data: { id: event.id, payload: event } });
  return event;
}

/** What recordEvents needs: one raw statement for many events (a component's batch of disclosures). */
export type OutboxBatchWriter = {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
};

/**
 * Records many events in one statement, each checked as recordEvent checks one: one bad event fails them
 * all. Raw SQL over two arrays: Prisma's createMany of a few hundred JSON payloads took ~30x longer.
 */
export async function recordEvents(tx: OutboxBatchWriter, inputs: readonly RecordableEvent[]): Promise<AuditEvent[]> {
  const events = inputs.map(checkedEvent);
  if (events.length) {
    await tx.$executeRaw`INSERT INTO "outbox_events" ("id", "payload")
      SELECT e.id, e.payload::jsonb FROM unnest(${events.map((e) => e.id)}::uuid[], ${events.map((e) => JSON.stringify(e))}::text[]) AS e(id, payload)`;
  }
  return events;
}

function checkedEvent(input: RecordableEvent): AuditEvent & Prisma.InputJsonObject {
  const parsed = auditEvent.safeParse({ ...input, id: input.id ?? randomUUID(), occurredAt: input.occurredAt ?? new Date().toISOString() });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join(".") || "event"}: ${issue.message}`).join("; ");
    throw new AuditEventRefused(`audit event ${String(input.action)} is malformed: ${fields}`);
  }
  const event = parsed.data;
  const secretAt = findSecret(event);
  if (secretAt) throw new AuditEventRefused(`audit event ${event.action} carries what looks like a secret at ${secretAt}; audit the id, never the secret`);
  if (!isJsonValue(event)) throw new AuditEventRefused(`audit event ${event.action} holds data that is not plain JSON`);
  return event as AuditEvent & Prisma.InputJsonObject;
}

// Dates, bigints, class instances and non-finite numbers would change or vanish on the way to the audit service.
function isJsonValue(value: unknown): value is Prisma.InputJsonValue | null {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((inner) => inner !== undefined && isJsonValue(inner));
}
