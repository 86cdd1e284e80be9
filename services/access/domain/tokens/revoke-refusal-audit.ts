// Audits a component's refused RFC 7009 revocation (a token not issued to the calling OAuth client: another
// client's, a person's, an unknown one), which the caller is answered 200 for all the same: as
// `token.revoke`, outcome failure, reason not-issued-to-caller, with the caller, the token and its tenant
// when found (so the tenant sees it, and the platform admins always). At most one event per caller, token
// (or unknown token) a window, the next carrying how many were suppressed (services/common/http/repeat-suppressor.ts).
import { createRepeatSuppressor, type RepeatSuppressorOptions } from "../../../common/http/repeat-suppressor";
import { recordEvent } from "../../outbox/record-event";
import { serviceActor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";

/** What the refused attempt was about: the token found (not the caller's), or null for an unknown one. */
export type RevokeRefusal = { caller: string; token: { id: string; tenantId: string; licenseId: string } | null };

export const revokeRefusalReason = "not-issued-to-caller";

export function createRevokeRefusalAudit(options: RepeatSuppressorOptions = {}) {
  const suppressor = createRepeatSuppressor(options);

  return {
    /** Writes the refusal's event unless it repeats one of this window; resolves whether it wrote. */
    async record(ctx: AccessContext, refusal: RevokeRefusal, meta: RequestMeta): Promise<boolean> {
      const suppression = suppressor.admit(`${refusal.caller}|${refusal.token?.id ?? "unknown"}`);
      if (suppression === null) return false;
      // One INSERT into the outbox: atomic on its own; the refused attempt changed nothing to commit with it.
      await recordEvent(ctx.prisma, {
        action: "token.revoke",
        outcome: "failure",
        actor: serviceActor(refusal.caller),
        target: refusal.token ? { type: "token", id: refusal.token.id } : null,
        tenantId: refusal.token?.tenantId ?? null,
        sourceIp: meta.sourceIp,
        requestId: meta.requestId,
        data: { reason: revokeRefusalReason, via: "oauth-revoke", ...(refusal.token ? { licenseId: refusal.token.licenseId } : {}), ...suppression },
      });
      return true;
    },
    /** How many keys it holds in memory now (at most `maxKeys`). */
    heldKeys(): number {
      return suppressor.size;
    },
  };
}
export type RevokeRefusalAudit = ReturnType<typeof createRevokeRefusalAudit>;
