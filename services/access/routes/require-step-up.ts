// The policy hook's step-up check for the access service (routes whose policy says `stepUp: true`): a
// person with a second factor must have verified it in this session within the fresh window, else 403
// step-up-required, which the console answers with its step-up dialog; a person with no factor is refused
// (403 second-factor-required: a password alone never does these), except where the route adds the first
// factor (`stepUp: "once-enrolled"`). The factor that let the action through reaches its audit event.
import type { FastifyRequest } from "fastify";
import type { VerifiedPerson } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { stepUpPassesWithoutFactor } from "../../../contracts/route-policy";
import { freshStepUpFactor } from "../domain/mfa/step-up";
import { signedInOf } from "./require-actor";

const factorByRequest = new WeakMap<FastifyRequest, string>();

export function stepUpGuard(ctx: AccessContext) {
  return async (request: FastifyRequest, person: VerifiedPerson): Promise<void> => {
    const policy = request.routeOptions.config?.policy;
    const withoutFactor = policy && stepUpPassesWithoutFactor(policy) ? "pass" : "refuse";
    const factor = await freshStepUpFactor(ctx, { userId: person.id, sessionId: signedInOf(request).sessionId }, { withoutFactor });
    if (factor) factorByRequest.set(request, factor);
  };
}

/** The factor that passed this request's step-up ("totp", "passkey", "recovery-code"); undefined off step-up routes. */
export function stepUpFactorOf(request: FastifyRequest): string | undefined {
  return factorByRequest.get(request);
}
