// Disposition of a district's data (NDPA Exhibit D): requests, components' acknowledgements, crypto-shredding, certificates of destruction (issue 9 §4).
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";

export function dispositionRoutes(_app: FastifyInstance, _ctx: AccessContext): void {
  // Routes come with their policies in contracts/access-policies.ts.
}
