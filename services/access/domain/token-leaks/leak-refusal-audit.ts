// Audits a refused scanner report (unknown or retired key, bad signature, malformed body, too many tokens)
// as `token.leak_batch`, outcome failure, platform-level: the reason, the key identifier presented (and
// the registered key it names, if any), never anything of the body. Anyone can send the public host a
// report, so at most one event per reason and key a window goes through, the next carrying how many
// were held back (services/common/http/repeat-suppressor.ts); every unregistered identifier shares one key.
import { createRepeatSuppressor, type RepeatSuppressorOptions } from "../../../common/http/repeat-suppressor";
import { findSecret } from "../../outbox/assert-no-secrets";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";

export const leakBatchAction = "token.leak_batch";

export type LeakRefusal = {
  reason: string;
  /** The identifier the report named, as sent (kept only if it cannot carry a secret). */
  keyIdentifier: string;
  /** The registered key it names (a retired one included), or null. */
  key: { id: string; reporter: string; retired: boolean } | null;
};

/** The identifier as recorded: cut to its registrable length, dropped if it looks like a secret. */
export function recordableIdentifier(text: string): string | null {
  const cut = text.slice(0, 200);
  return findSecret(cut) === null && !/tsr_/.test(cut) ? cut : null;
}

export function createLeakRefusalAudit(options: RepeatSuppressorOptions = {}) {
  const suppressor = createRepeatSuppressor(options);
  return {
    /** Writes the refusal's event unless it repeats one of this window; resolves whether it wrote. */
    async record(ctx: AccessContext, refusal: LeakRefusal, meta: RequestMeta): Promise<boolean> {
      const suppression = suppressor.admit(`${refusal.reason}|${refusal.key?.id ?? "unregistered"}`);
      if (suppression === null) return false;
      // One INSERT into the outbox: atomic on its own; the refused report changed nothing to commit with it.
      await recordEvent(ctx.prisma, {
        action: leakBatchAction,
        outcome: "failure",
        actor: refusal.key ? { type: "service", id: refusal.key.id, label: refusal.key.reporter } : { type: "anonymous", id: null, label: null },
        target: refusal.key ? { type: "secret_scanner_key", id: refusal.key.id } : null,
        tenantId: null,
        sourceIp: meta.sourceIp,
        requestId: meta.requestId,
        data: { reason: refusal.reason, keyIdentifier: recordableIdentifier(refusal.keyIdentifier), ...(refusal.key ? { retired: refusal.key.retired } : {}), ...suppression },
      });
      return true;
    },
  };
}
export type LeakRefusalAudit = ReturnType<typeof createLeakRefusalAudit>;
