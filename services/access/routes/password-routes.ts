// The signed-in person's own password: change it (the current one re-entered).
import type { FastifyInstance } from "fastify";
import { changePasswordRequest, changePasswordResponse } from "../../../contracts/access-api";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { changePassword } from "../domain/passwords/change-password";
import { requestMeta } from "./request-meta";
import { signedInOf } from "./require-actor";

export function passwordRoutes(app: FastifyInstance, ctx: AccessContext) {
  // POST /v1/me/password — change one's password; every other session of the person ends.
  app.post(
    "/v1/me/password",
    routeOptions(policies["POST /v1/me/password"], {
      tags: ["auth"],
      summary: "Changes the signed-in person's password (the current one re-entered); ends their other sessions.",
      body: changePasswordRequest,
      response: changePasswordResponse,
      problems: { 401: "The current password is wrong (reason reauth-failed).", 422: "The new password breaks the password policy, or is the current one.", 429: "Throttled; retryAfterSeconds says how long." },
    }),
    async (request) => {
      const me = signedInOf(request);
      return changePassword(ctx, { sessionId: me.sessionId, user: me.user }, parseInput(changePasswordRequest, request.body), requestMeta(request));
    },
  );
}
