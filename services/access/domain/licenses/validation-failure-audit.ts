// Audits license validation failures without letting a flood of them swamp the outbox: per process, at
// most one event per (caller, license or unknown key, reason) per window; the next event that is
// written carries how many were suppressed in between. The key and its digest never go in an event.
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";

export type ValidationFailure = { caller: string; reason: string; licenseId: string | null; tenantId: string | null; scope: string | null };

type Slot = { windowStart: number; suppressed: number };

export function createValidationFailureAudit(options: { windowMs?: number; maxSlots?: number; now?: () => number } = {}) {
  const windowMs = options.windowMs ?? 60_000;
  const maxSlots = options.maxSlots ?? 10_000;
  const now = options.now ?? Date.now;
  const slots = new Map<string, Slot>();

  return {
    async record(ctx: AccessContext, failure: ValidationFailure, meta: RequestMeta): Promise<boolean> {
      const slotKey = `${failure.caller}|${failure.licenseId ?? "unknown"}|${failure.reason}`;
      const t = now();
      const slot = slots.get(slotKey);
      if (slot && t - slot.windowStart < windowMs) {
        slot.suppressed += 1;
        return false;
      }
      // Bounded memory: past the cap, forget every window (worst case one extra event per slot).
      if (!slot && slots.size >= maxSlots) slots.clear();
      const suppressed = slot?.suppressed ?? 0;
      slots.set(slotKey, { windowStart: t, suppressed: 0 });
      // One INSERT into the outbox: atomic on its own, no transaction needed.
      await recordEvent(ctx.prisma, {
          action: "license.validate_failure",
          outcome: "failure",
          actor: { type: "service", id: failure.caller, label: failure.caller },
          target: failure.licenseId ? { type: "license", id: failure.licenseId } : null,
          tenantId: failure.tenantId,
          sourceIp: meta.sourceIp,
          requestId: meta.requestId,
          data: { reason: failure.reason, ...(failure.scope ? { scope: failure.scope } : {}), suppressedBefore: suppressed, windowSeconds: windowMs / 1000 },
      });
      return true;
    },
    /** How many windows it holds in memory now (at most `maxSlots`). */
    heldSlots(): number {
      return slots.size;
    },
  };
}
export type ValidationFailureAudit = ReturnType<typeof createValidationFailureAudit>;
