// What adding any second factor shares (an authenticator app confirmed, a passkey registered): the limit of
// factors a person may hold, and one transaction that stores it, audits auth.second_factor_add and, for the
// first factor, issues the recovery codes; the session that added it counts as freshly verified.
import type { VerifiedFactorKind } from "../../../../contracts/mfa-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { toFactorDto } from "./factor-dto";
import { issueRecoveryCodes } from "./issue-recovery-codes";
import { markVerified } from "./step-up";

/** Confirmed authenticators a person may hold at once. */
export const maxFactorsPerPerson = 5;

type Me = { userId: string; email: string; sessionId: string };

/** 409 factor-limit when the person already holds the most factors allowed. */
export async function assertRoomForFactor(ctx: AccessContext, userId: string): Promise<void> {
  const confirmed = await ctx.prisma.secondFactor.count({ where: { userId, confirmedAt: { not: null } } });
  if (confirmed >= maxFactorsPerPerson) throw new AppError("conflict", `You already have ${maxFactorsPerPerson} authenticators. Remove one first.`, { reason: "factor-limit" });
}

/** Stores the factor with `write` (its row, confirmed at `now`) and audits it; recovery codes with the first. */
export async function addConfirmedFactor(
  ctx: AccessContext,
  me: Me,
  kind: Extract<VerifiedFactorKind, "totp" | "passkey">,
  now: Date,
  meta: RequestMeta,
  write: (tx: TransactionClient) => Promise<Parameters<typeof toFactorDto>[0]>,
) {
  const result = await ctx.prisma.$transaction(async (tx) => {
    const first = (await tx.secondFactor.count({ where: { userId: me.userId, confirmedAt: { not: null } } })) === 0;
    const factor = await write(tx);
    await recordEvent(tx, {
      action: "auth.second_factor_add",
      outcome: "success",
      actor: { type: "user", id: me.userId, label: me.email },
      target: null,
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { factorId: factor.id, kind },
    });
    const recoveryCodes = first ? await issueRecoveryCodes(ctx, tx, { id: me.userId, email: me.email }, meta) : null;
    return { factor: toFactorDto(factor), recoveryCodes };
  });
  await markVerified(ctx, me.sessionId, kind, now);
  return result;
}
