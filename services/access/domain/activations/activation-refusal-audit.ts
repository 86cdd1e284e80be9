// Audits refused activations (seats-exhausted, a license's state, an unknown key) without letting a
// component that retries in a loop swamp the outbox: per process, one event per (caller, license,
// reason) per window, the next carrying how many were suppressed (services/common/http/repeat-suppressor.ts).
// Written outside the refused transaction, which rolled back.
import { createRepeatSuppressor, type RepeatSuppressorOptions } from "../../../common/http/repeat-suppressor";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";

export type ActivationRefusal = { caller: string; reason: string; licenseId: string | null; tenantId: string | null; fingerprint: string };

export function createActivationRefusalAudit(options: RepeatSuppressorOptions = {}) {
  const suppressor = createRepeatSuppressor(options);
  return {
    async record(ctx: AccessContext, refusal: ActivationRefusal, meta: RequestMeta): Promise<void> {
      const suppression = suppressor.admit(`${refusal.caller}|${refusal.licenseId ?? "unknown"}|${refusal.reason}`);
      if (suppression === null) return;
      await recordEvent(ctx.prisma, {
        action: "activation.refuse",
        outcome: "failure",
        actor: { type: "service", id: refusal.caller, label: refusal.caller },
        target: refusal.licenseId ? { type: "license", id: refusal.licenseId } : null,
        tenantId: refusal.tenantId,
        sourceIp: meta.sourceIp,
        requestId: meta.requestId,
        data: { reason: refusal.reason, fingerprint: refusal.fingerprint, ...suppression },
      });
    },
  };
}
export type ActivationRefusalAudit = ReturnType<typeof createActivationRefusalAudit>;
