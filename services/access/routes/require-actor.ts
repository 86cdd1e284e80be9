// For endpoints the web tier calls on a person's behalf: the caller must be the web tier, and the
// bearer must be a live session; returns who is acting.
import type { FastifyRequest } from "fastify";
import { assertCaller } from "../../common/http/caller";
import type { Actor } from "../domain/actors/actor";
import type { AccessContext } from "../domain/context";
import { authenticateSession } from "../domain/sessions/authenticate-session";
import { bearerToken, requestMeta } from "./request-meta";

export async function requireActor(ctx: AccessContext, request: FastifyRequest): Promise<Actor> {
  assertCaller(request, ["web"]);
  const { user } = await authenticateSession(ctx, bearerToken(request), requestMeta(request));
  return { userId: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId };
}
