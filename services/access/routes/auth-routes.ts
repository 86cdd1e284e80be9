// Sign-in, the current session, and sign-out, for the web tier acting for a person.
import type { FastifyInstance } from "fastify";
import { meResponse, signInRequest, signInResponse } from "../../../contracts/access-api";
import { assertCaller } from "../../common/http/caller";
import { parseInput } from "../../common/http/parse";
import { signIn } from "../domain/auth/sign-in";
import { signOut } from "../domain/auth/sign-out";
import type { AccessContext } from "../domain/context";
import { authenticateSession } from "../domain/sessions/authenticate-session";
import { bearerToken, requestMeta } from "./request-meta";

export function authRoutes(app: FastifyInstance, ctx: AccessContext) {
  // POST /v1/auth/sign-in — e-mail and password in, session token out.
  app.post("/v1/auth/sign-in", {
    config: {
      openapi: {
        summary: "Signs a person in: e-mail and password in, a session token out.",
        tags: ["auth"], callers: ["web"], body: signInRequest, response: signInResponse,
        problems: { 401: "Wrong e-mail or password (reason invalid-credentials).", 429: "Throttled; retryAfterSeconds says how long." },
      },
    },
  }, async (request) => {
    assertCaller(request, ["web"]);
    return signIn(ctx, parseInput(signInRequest, request.body), requestMeta(request));
  });

  // GET /v1/me — the signed-in person behind the bearer, or 401 once the session has ended.
  app.get("/v1/me", {
    config: { openapi: { summary: "The signed-in person behind the bearer token.", tags: ["auth"], callers: ["web"], bearer: true, response: meResponse } },
  }, async (request) => {
    assertCaller(request, ["web"]);
    const { user, session } = await authenticateSession(ctx, bearerToken(request), requestMeta(request));
    return { user, session };
  });

  // POST /v1/auth/sign-out — ends the bearer's session; 204 whatever its state.
  app.post("/v1/auth/sign-out", {
    config: { openapi: { summary: "Ends the bearer's session (204 whatever its state).", tags: ["auth"], callers: ["web"], bearer: true, status: 204 } },
  }, async (request, reply) => {
    assertCaller(request, ["web"]);
    await signOut(ctx, bearerToken(request), requestMeta(request));
    return reply.status(204).send();
  });
}
