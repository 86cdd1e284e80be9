// The record of disclosures (34 CFR 99.32): components report disclosures over mTLS; districts search and export them (issue 9 §4).
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";

export function disclosureRoutes(_app: FastifyInstance, _ctx: AccessContext): void {
  // Routes come with their policies in contracts/access-policies.ts.
}
