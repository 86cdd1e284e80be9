// The catalogue of components and their scopes.
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";

export function catalogueRoutes(_app: FastifyInstance, _ctx: AccessContext) {}
