// Tenants, their members and invitations.
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";

export function tenantRoutes(_app: FastifyInstance, _ctx: AccessContext) {}
