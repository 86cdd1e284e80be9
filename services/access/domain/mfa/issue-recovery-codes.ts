// Replaces a person's recovery codes with new ones inside the caller's transaction: the old ones stop
// working at once. The codes are returned to be shown this once; only their argon2id hashes are kept.
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { hashPassword } from "../passwords/password-hash";
import { newId } from "../secrets/ids";
import { newRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes";

export async function issueRecoveryCodes(ctx: AccessContext, tx: TransactionClient, person: { id: string; email: string }, meta: RequestMeta): Promise<string[]> {
  const codes = newRecoveryCodes();
  const hashes = await Promise.all(codes.map((c) => hashPassword(normaliseRecoveryCode(c))));
  await tx.recoveryCode.deleteMany({ where: { userId: person.id } });
  await tx.recoveryCode.createMany({ data: hashes.map((codeHash) => ({ id: newId("rcv"), userId: person.id, codeHash, createdAt: ctx.now() })) });
  await recordEvent(tx, {
    action: "auth.recovery_codes_issue",
    outcome: "success",
    actor: { type: "user", id: person.id, label: person.email },
    target: null,
    tenantId: null,
    sourceIp: meta.sourceIp,
    requestId: meta.requestId,
    data: { count: codes.length },
  });
  return codes;
}
