// The audit log for the console: filtered, searchable pages of events as sentences, exports and verifiable chain segments (issue 9 §1).
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";

export function auditLogRoutes(_app: FastifyInstance, _ctx: AccessContext): void {
  // Routes come with their policies in contracts/access-policies.ts.
}
