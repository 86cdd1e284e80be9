// Accesses to a district's data through credentials Tessera issued (34 CFR 99.32), off the hot path: an
// active introspection or license validation is counted in memory per (credential, caller, scopes,
// minute) — one Map update, no I/O — and a timer (periodic-flush.ts, as token usage) turns what was counted
// into audit events, a few hundred per transaction through the outbox. Only a district's credentials
// become events; whose and why (tenant kind, the declared purpose, the person or OAuth client behind a
// token) is read at flush, once per credential, not per request. A failed flush puts back what it did not
// store, so accesses are not dropped while the database is away.
import { randomUUID } from "node:crypto";
import type { AccessPrisma } from "../../db/prisma";
import { recordEvents, type RecordableEvent } from "../../outbox/record-event";
import { serviceActor } from "../actors/actor";
import { periodicFlush } from "../tokens/periodic-flush";

/** What was reached: a token (introspection) or a license (validation). */
export type AccessedCredential = { type: "token" | "license"; id: string; tenantId: string };

export type AccessRecord = {
  /** An active answer to `caller` at `at` carrying `scopes`. */
  note(credential: AccessedCredential, caller: string, scopes: readonly string[], at: Date): void;
  /** Writes what was counted; returns how many access events were recorded. */
  flush(): Promise<number>;
  close(): Promise<void>;
};

type Tally = { credential: AccessedCredential; caller: string; scopes: readonly string[]; minute: number; count: number };
type Facts = { district: boolean; purpose: string | null; personId: string | null; clientId: string | null };

export const accessEventsPerTransaction = 500;
const minuteOf = (at: Date) => Math.floor(at.getTime() / 60_000) * 60_000;

export function createAccessRecord(prisma: AccessPrisma, options: { flushIntervalMs?: number; onError?: (error: unknown) => void } = {}): AccessRecord {
  let pending = new Map<string, Tally>();

  const add = (t: Omit<Tally, "count">, count: number) => {
    const key = `${t.credential.type} ${t.credential.id} ${t.caller} ${t.minute} ${t.scopes.join(" ")}`;
    const row = pending.get(key);
    if (row) row.count += count;
    else pending.set(key, { ...t, count });
  };

  const write = async (): Promise<number> => {
    const taken = [...pending.values()];
    pending = new Map();
    // Until the facts are read nothing is stored; after, the tallies of a district's credentials are events.
    let waiting: Tally[] = taken;
    let recorded = 0;
    try {
      const facts = await credentialFacts(prisma, taken.map((t) => t.credential));
      const due = taken.flatMap((t) => {
        const f = facts.get(`${t.credential.type} ${t.credential.id}`);
        return f?.district ? [{ tally: t, event: accessEvent(t, f) }] : [];
      });
      waiting = due.map((d) => d.tally);
      for (let done = 0; done < due.length; done += accessEventsPerTransaction) {
        const slice = due.slice(done, done + accessEventsPerTransaction);
        await prisma.$transaction(async (tx) => void (await recordEvents(tx, slice.map((d) => d.event))));
        recorded += slice.length;
        waiting = due.slice(done + slice.length).map((d) => d.tally);
      }
      return recorded;
    } catch (error) {
      // Transactions already committed stay; the rest wait for the next flush.
      for (const t of waiting) add(t, t.count);
      throw error;
    }
  };

  const { flush, close } = periodicFlush(write, { intervalMs: options.flushIntervalMs ?? 5_000, onError: options.onError });
  return {
    note(credential, caller, scopes, at) {
      add({ credential, caller, scopes, minute: minuteOf(at) }, 1);
    },
    flush,
    close,
  };
}

function accessEvent(t: Tally, f: Facts): RecordableEvent {
  return {
    id: randomUUID(),
    action: "disclosure.access",
    outcome: "success",
    actor: serviceActor(t.caller),
    target: { type: t.credential.type, id: t.credential.id },
    tenantId: t.credential.tenantId,
    sourceIp: null,
    requestId: null,
    data: {
      via: t.credential.type === "token" ? "introspection" : "license-validation",
      minute: new Date(t.minute).toISOString(),
      count: t.count,
      scopes: [...t.scopes],
      purpose: f.purpose,
      personId: f.personId,
      clientId: f.clientId,
    },
  };
}

/** Per credential: is it a district's, and its declared purpose and holder (tokens only). One query per kind. */
async function credentialFacts(prisma: AccessPrisma, credentials: AccessedCredential[]): Promise<Map<string, Facts>> {
  const tokenIds = [...new Set(credentials.filter((c) => c.type === "token").map((c) => c.id))];
  const licenseIds = [...new Set(credentials.filter((c) => c.type === "license").map((c) => c.id))];
  const district = { tenant: { kind: "district" as const } };
  const [tokens, licenses] = await Promise.all([
    tokenIds.length
      ? prisma.token.findMany({ where: { id: { in: tokenIds }, license: district }, select: { id: true, purpose: true, createdById: true, clientId: true } })
      : [],
    licenseIds.length ? prisma.license.findMany({ where: { id: { in: licenseIds }, ...district }, select: { id: true } }) : [],
  ]);
  return new Map<string, Facts>([
    ...tokens.map((t) => [`token ${t.id}`, { district: true, purpose: t.purpose, personId: t.createdById, clientId: t.clientId }] as const),
    ...licenses.map((l) => [`license ${l.id}`, { district: true, purpose: null, personId: null, clientId: null }] as const),
  ]);
}
