// Audits a component's refused request about a license (a validation, an activation) without letting one
// that retries in a loop swamp the outbox: per process, at most one event per (caller, license or unknown
// key, reason) per window, the next one written carrying how many were suppressed in between (the common
// rule: services/common/http/repeat-suppressor.ts). Keys and their digests never go in an event.
import { createRepeatSuppressor, type RepeatSuppressorOptions } from "../../../common/http/repeat-suppressor";
import { recordEvent, type RecordableEvent } from "../../outbox/record-event";
import { serviceActor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";

/** Who was refused, why, and the license when the key named one. */
export type LicenseRefusal = { caller: string; reason: string; licenseId: string | null; tenantId: string | null };

/** `action` names the event; `details` adds what only this kind of refusal knows to its data. */
export function createLicenseRefusalAudit<R extends LicenseRefusal>(action: RecordableEvent["action"], details: (refusal: R) => Record<string, unknown>, options: RepeatSuppressorOptions = {}) {
  const suppressor = createRepeatSuppressor(options);

  return {
    /** Writes the refusal's event unless it repeats one of this window; resolves whether it wrote. */
    async record(ctx: AccessContext, refusal: R, meta: RequestMeta): Promise<boolean> {
      const suppression = suppressor.admit(`${refusal.caller}|${refusal.licenseId ?? "unknown"}|${refusal.reason}`);
      if (suppression === null) return false;
      // One INSERT into the outbox: atomic on its own; written outside the refused work, which changed nothing.
      await recordEvent(ctx.prisma, {
        action,
        outcome: "failure",
        actor: serviceActor(refusal.caller),
        target: refusal.licenseId ? { type: "license", id: refusal.licenseId } : null,
        tenantId: refusal.tenantId,
        sourceIp: meta.sourceIp,
        requestId: meta.requestId,
        data: { reason: refusal.reason, ...details(refusal), ...suppression },
      });
      return true;
    },
    /** How many keys it holds in memory now (at most `maxKeys`). */
    heldKeys(): number {
      return suppressor.size;
    },
  };
}
