// Every refusal of the route policy and the connection guard is told to the anomaly detector (a push,
// never awaited) before it is audited as before: the audit trail suppresses repeats, the detector counts them.
import type { Refusal } from "../../common/http/refusal-recorder";
import type { AccessContext } from "../domain/context";

export function feedRefusals(ctx: AccessContext, audit: (refusal: Refusal) => Promise<void>) {
  return async (refusal: Refusal): Promise<void> => {
    ctx.detector?.push({
      type: "refusal", at: ctx.now().getTime(), tenantId: refusal.person?.tenantId ?? null, caller: refusal.identity,
      userId: refusal.person?.id ?? null, address: refusal.sourceIp, route: refusal.route, reason: refusal.reason,
    });
    await audit(refusal);
  };
}
