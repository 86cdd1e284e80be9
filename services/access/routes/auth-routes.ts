// Sign-in, the current session, and sign-out, for the web tier acting for a person.
import type { FastifyInstance } from "fastify";
import { signInRequest } from "../../../contracts/access-api";
import { assertCaller } from "../../common/http/caller";
import { parseInput } from "../../common/http/parse";
import { signIn } from "../domain/auth/sign-in";
import { signOut } from "../domain/auth/sign-out";
import type { AccessContext } from "../domain/context";
import { authenticateSession } from "../domain/sessions/authenticate-session";
import { bearerToken, requestMeta } from "./request-meta";

export function authRoutes(app: FastifyInstance, ctx: AccessContext) {
  // POST /v1/auth/sign-in — e-mail and password in, session token out.
  app.post("/v1/auth/sign-in", async (request) => {
    assertCaller(request, ["web"]);
    return signIn(ctx, parseInput(signInRequest, request.body), requestMeta(request));
  });

  // GET /v1/me — the signed-in person behind the bearer, or 401 once the session has ended.
  app.get("/v1/me", async (request) => {
    assertCaller(request, ["web"]);
    const { user, session } = await authenticateSession(ctx, bearerToken(request), requestMeta(request));
    return { user, session };
  });

  // POST /v1/auth/sign-out — ends the bearer's session; 204 whatever its state.
  app.post("/v1/auth/sign-out", async (request, reply) => {
    assertCaller(request, ["web"]);
    await signOut(ctx, bearerToken(request), requestMeta(request));
    return reply.status(204).send();
  });
}
