// Licenses: lifecycle, keys, search, and validation for internal components.
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";

export function licenseRoutes(_app: FastifyInstance, _ctx: AccessContext) {}
