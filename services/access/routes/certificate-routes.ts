// Offline license certificates (JWS) and the JWKS of their signing keys.
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";

export function certificateRoutes(_app: FastifyInstance, _ctx: AccessContext) {}
