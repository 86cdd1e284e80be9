// Sign-in, the current session, and sign-out, for the web tier acting for a person.
import type { FastifyInstance } from "fastify";
import { listOwnSessionsResponse, meResponse, ownSessionParams, revokeOtherSessionsResponse, signInRequest } from "../../../contracts/access-api";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { signInAnswer } from "../../../contracts/mfa-api";
import { AppError } from "../../common/http/app-error";
import { parseInput } from "../../common/http/parse";
import { signIn } from "../domain/auth/sign-in";
import { hasSecondFactor } from "../domain/mfa/pending-sign-in";
import { signOut } from "../domain/auth/sign-out";
import type { AccessContext } from "../domain/context";
import { listOwnSessions } from "../domain/sessions/list-own-sessions";
import { revokeOtherSessions, revokeOwnSession } from "../domain/sessions/revoke-own-sessions";
import { bearerToken, requestMeta } from "./request-meta";
import { signedInOf } from "./require-actor";

export function authRoutes(app: FastifyInstance, ctx: AccessContext) {
  // POST /v1/auth/sign-in — e-mail and password in, session token out.
  app.post("/v1/auth/sign-in", {
    config: {
      policy: policies["POST /v1/auth/sign-in"],
      openapi: {
        summary: "Signs a person in: e-mail and password in, a session token out — or, for a person with a second factor, a pending sign-in to complete at /v1/auth/second-factor.",
        tags: ["auth"], body: signInRequest, response: signInAnswer,
        problems: { 401: "Wrong e-mail or password (reason invalid-credentials).", 429: "Throttled; retryAfterSeconds says how long." },
      },
    },
  }, async (request) => {
    return signIn(ctx, parseInput(signInRequest, request.body), requestMeta(request));
  });

  // GET /v1/me — the signed-in person behind the bearer, or 401 once the session has ended.
  app.get("/v1/me", {
    config: { policy: policies["GET /v1/me"], openapi: { summary: "The signed-in person behind the bearer token.", tags: ["auth"], response: meResponse } },
  }, async (request) => {
    const { user, session, secondFactor } = signedInOf(request);
    const owed = !secondFactor.owed ? null : (await hasSecondFactor(ctx.prisma, user.id)) ? "give" : "add";
    return { user, session, secondFactor: { required: secondFactor.required, owed } };
  });

  // POST /v1/auth/sign-out — ends the bearer's session; 204 whatever its state.
  app.post("/v1/auth/sign-out", {
    config: { policy: policies["POST /v1/auth/sign-out"], openapi: { summary: "Ends the bearer's session (204 whatever its state).", tags: ["auth"], status: 204 } },
  }, async (request, reply) => {
    await signOut(ctx, bearerToken(request), requestMeta(request));
    return reply.status(204).send();
  });

  // GET /v1/me/sessions — where the person is signed in: their own live sessions, the bearer's marked.
  app.get("/v1/me/sessions", {
    config: { policy: policies["GET /v1/me/sessions"], openapi: { summary: "The signed-in person's live sessions, most recently active first.", tags: ["auth"], response: listOwnSessionsResponse } },
  }, async (request) => {
    const me = signedInOf(request);
    return listOwnSessions(ctx, { userId: me.user.id, sessionId: me.sessionId });
  });

  // POST /v1/me/sessions/revoke-others — "sign out everywhere else": ends every other live session of the person.
  app.post("/v1/me/sessions/revoke-others", {
    config: { policy: policies["POST /v1/me/sessions/revoke-others"], openapi: { summary: "Ends every live session of the person but the bearer's.", tags: ["auth"], response: revokeOtherSessionsResponse } },
  }, async (request) => {
    const me = signedInOf(request);
    return revokeOtherSessions(ctx, { sessionId: me.sessionId, user: me.user }, requestMeta(request));
  });

  // POST /v1/me/sessions/:id/revoke — ends one of the person's own sessions (anyone else's is not found).
  app.post("/v1/me/sessions/:id/revoke", {
    config: {
      policy: policies["POST /v1/me/sessions/:id/revoke"],
      openapi: {
        summary: "Ends one of the person's own sessions, as signing out there would.",
        tags: ["auth"], params: ownSessionParams, status: 204,
        problems: { 404: "No such session of this person's.", 409: "The session has already ended." },
      },
    },
  }, async (request, reply) => {
    const me = signedInOf(request);
    const parsed = ownSessionParams.safeParse(request.params);
    if (!parsed.success) throw new AppError("not-found", "No such session.", { reason: "session-not-found" });
    await revokeOwnSession(ctx, { sessionId: me.sessionId, user: me.user }, parsed.data.id, requestMeta(request));
    return reply.status(204).send();
  });
}
