// Audits license validation failures without letting a flood of them swamp the outbox: per process, at
// most one event per (caller, license or unknown key, reason) per window, the next one written carrying
// how many were suppressed in between (the common rule: services/common/http/repeat-suppressor.ts).
// The key and its digest never go in an event.
import { createRepeatSuppressor, type RepeatSuppressorOptions } from "../../../common/http/repeat-suppressor";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";

export type ValidationFailure = { caller: string; reason: string; licenseId: string | null; tenantId: string | null; scope: string | null };

export function createValidationFailureAudit(options: RepeatSuppressorOptions = {}) {
  const suppressor = createRepeatSuppressor(options);

  return {
    /** Writes the failure's event unless it repeats one of this window; resolves whether it wrote. */
    async record(ctx: AccessContext, failure: ValidationFailure, meta: RequestMeta): Promise<boolean> {
      const suppression = suppressor.admit(`${failure.caller}|${failure.licenseId ?? "unknown"}|${failure.reason}`);
      if (suppression === null) return false;
      // One INSERT into the outbox: atomic on its own, no transaction needed.
      await recordEvent(ctx.prisma, {
        action: "license.validate_failure",
        outcome: "failure",
        actor: { type: "service", id: failure.caller, label: failure.caller },
        target: failure.licenseId ? { type: "license", id: failure.licenseId } : null,
        tenantId: failure.tenantId,
        sourceIp: meta.sourceIp,
        requestId: meta.requestId,
        data: { reason: failure.reason, ...(failure.scope ? { scope: failure.scope } : {}), ...suppression },
      });
      return true;
    },
    /** How many keys it holds in memory now (at most `maxKeys`). */
    heldKeys(): number {
      return suppressor.size;
    },
  };
}
export type ValidationFailureAudit = ReturnType<typeof createValidationFailureAudit>;
