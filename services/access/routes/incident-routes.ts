// Incidents and breach notices with each district's clock, and the district's compliance overview (issue 9 §4).
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";

export function incidentRoutes(_app: FastifyInstance, _ctx: AccessContext): void {
  // Routes come with their policies in contracts/access-policies.ts.
}
