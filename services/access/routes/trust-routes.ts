// The public trust page's facts (no sign-in): data inventory, subprocessors, commitments, privacy policy versions, security.txt; and their editing (issue 9 §2).
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";

export function trustRoutes(_app: FastifyInstance, _ctx: AccessContext): void {
  // Routes come with their policies in contracts/access-policies.ts.
}
