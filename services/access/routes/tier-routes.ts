// Service tiers: scopes and quotas, with a preview of what an edit changes.
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";

export function tierRoutes(_app: FastifyInstance, _ctx: AccessContext) {}
