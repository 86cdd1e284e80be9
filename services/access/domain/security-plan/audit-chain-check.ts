// The audit chain verified up to its anchored head, through the audit service as it is: GET
// /v1/chain/verify recomputes every MAC; GET /v1/chain/checkpoint gives the newest signed checkpoint,
// whose signature is checked here against the key served with it, and whose event must still be in the
// chain with the same MAC (a chain whose newest events were deleted still verifies link by link).
import { compactVerify, importJWK } from "jose";
import { z } from "zod";
import { listEventsResponse, verifyChainResponse } from "../../../../contracts/audit-api";
import type { CheckResult } from "../../../../contracts/security-plan";
import type { AuditClient } from "../../outbox/deliver-batch";

const checkpointPayload = z.object({ seq: z.number().int().min(0), mac: z.string(), chainHash: z.string(), at: z.string() });
/** What GET /v1/chain/checkpoint answers (services/audit/routes/chain.ts). */
const checkpointResponse = z.object({ checkpoint: z.string().nullable(), publicKey: z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string() }) });

export async function checkAuditChain(audit: AuditClient | null, now: () => Date): Promise<CheckResult> {
  const result = (outcome: CheckResult["result"], sentence: string, evidence: Record<string, unknown>): CheckResult => ({ checkId: "audit.chain", result: outcome, sentence, evidence, checkedAt: now().toISOString() });
  if (!audit) return result("fail", "No audit service is configured, so the chain cannot be verified.", {});
  try {
    const verified = await audit.json("GET", "/v1/chain/verify");
    if (verified.status !== 200) return result("fail", `The audit service answered ${verified.status} to the chain verification.`, { status: verified.status });
    const chain = verifyChainResponse.parse(verified.body);
    if (!chain.ok) return result("fail", `The audit chain is broken at event ${chain.firstBrokenSeq} of ${chain.count}.`, { chain });

    const served = await audit.json("GET", "/v1/chain/checkpoint");
    if (served.status !== 200) return result("fail", `The audit service answered ${served.status} for its checkpoint.`, { chain, status: served.status });
    const { checkpoint, publicKey } = checkpointResponse.parse(served.body);
    if (!checkpoint) return result("fail", `All ${chain.count} events verify, but no signed checkpoint anchors the chain's head yet.`, { chain, checkpoint: null });
    const key = await importJWK({ kty: publicKey.kty, crv: publicKey.crv, x: publicKey.x }, "EdDSA");
    const anchored = checkpointPayload.parse(JSON.parse(new TextDecoder().decode((await compactVerify(checkpoint, key)).payload)));
    const anchor = { seq: anchored.seq, at: anchored.at, keyId: publicKey.kid };
    if (anchored.seq > chain.count) {
      return result("fail", `The checkpoint of ${anchored.at} anchors event ${anchored.seq}, but the chain holds only ${chain.count}: events were removed.`, { chain, anchor });
    }
    if (anchored.seq > 0) {
      const page = await audit.json("GET", `/v1/events?limit=1&beforeSeq=${anchored.seq + 1}`);
      const event = page.status === 200 ? listEventsResponse.parse(page.body).events[0] : undefined;
      if (!event || event.seq !== anchored.seq || event.mac !== anchored.mac) {
        return result("fail", `The event anchored by the checkpoint of ${anchored.at} (seq ${anchored.seq}) is not the one signed.`, { chain, anchor });
      }
    }
    return result("pass", `All ${chain.count} audit events verify, up to the head anchored at event ${anchored.seq} by the checkpoint signed ${anchored.at}.`, { chain, anchor, unanchored: chain.count - anchored.seq });
  } catch (e) {
    return result("fail", `The audit chain could not be verified: ${(e as Error).message}.`, {});
  }
}
