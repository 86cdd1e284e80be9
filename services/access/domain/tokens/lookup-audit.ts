// What a leaked-token lookup leaves in the audit trail: who looked, from where, and what came of it. A
// token found (by its whole text or by its display prefix) is recorded in its own tenant's log with the
// token as target, so the tenant sees that a platform administrator looked at it; a lookup that found
// nothing, or pasted something malformed, is a platform-level failure. The pasted text is never recorded,
// nor anything computed from it: only the found token's id and its display prefix (public in every list).
import type { TokenListRow } from "../../../../contracts/token-api";
import { recordEvents, type OutboxBatchWriter } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { RequestMeta } from "../context";

export type MalformedReason = "not-a-token" | "wrong-length" | "checksum-mismatch" | "invalid-request";

export type LookupOutcome =
  | { result: "found"; by: "token" | "prefix"; matches: readonly TokenListRow[]; matched: number }
  | { result: "not-found"; by: "token" | "prefix" }
  | { result: "malformed"; reason: MalformedReason };

export const lookupAction = "token.lookup";

export async function recordLookup(db: OutboxBatchWriter, actor: Actor, meta: RequestMeta, outcome: LookupOutcome): Promise<void> {
  const base = { action: lookupAction, actor: auditActor(actor), sourceIp: meta.sourceIp, requestId: meta.requestId };
  if (outcome.result !== "found") {
    const data = outcome.result === "not-found" ? { result: outcome.result, by: outcome.by, reason: "not-found" } : { result: outcome.result, reason: outcome.reason };
    await recordEvents(db, [{ ...base, outcome: "failure", target: null, tenantId: null, data }]);
    return;
  }
  // One event per token shown, each in its tenant's log; one request id ties them to the one lookup.
  await recordEvents(
    db,
    outcome.matches.map((t) => ({
      ...base,
      outcome: "success" as const,
      target: { type: "token", id: t.id },
      tenantId: t.tenant.id,
      data: { result: "found", by: outcome.by, matched: outcome.matched, licenseId: t.license.id, displayPrefix: t.displayPrefix },
    })),
  );
}
