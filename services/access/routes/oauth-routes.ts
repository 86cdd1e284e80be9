// OAuth 2.0 endpoints for internal components over mTLS (any identity but the web tier): RFC 7662
// introspection and RFC 7009 revocation, form-encoded as the RFCs say (JSON accepted too).
import type { FastifyInstance, FastifyRequest } from "fastify";
import { introspectionRequest, introspectionResponse, revocationRequest } from "../../../contracts/token-api";
import { AppError } from "../../common/http/app-error";
import { callerIdentity } from "../../common/http/caller";
import { parseInput } from "../../common/http/parse";
import type { RouteDoc } from "../../common/http/openapi";
import type { AccessContext } from "../domain/context";
import { introspectToken } from "../domain/tokens/introspect-token";
import { revokeByComponent } from "../domain/tokens/revoke-by-component";
import { requestMeta } from "./request-meta";

const openapi = (doc: RouteDoc) => ({ config: { openapi: doc } });

/** The calling component; the web tier acts for people and may not introspect or revoke by token. */
function componentCaller(request: FastifyRequest): string {
  const caller = callerIdentity(request);
  if (!caller || caller === "web") throw new AppError("forbidden", "Token introspection and revocation are for internal components, not the web tier.");
  return caller;
}

export function oauthRoutes(app: FastifyInstance, ctx: AccessContext) {
  // Encapsulated, so the form parser applies to these routes only.
  void app.register(async (oauth) => {
    oauth.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 16_384 }, (_request, body, done) => {
      const params = new URLSearchParams(String(body));
      const fields: Record<string, string> = {};
      for (const [key, value] of params) {
        // RFC 6749 §3.2: request parameters must not be included more than once.
        if (key in fields) return done(new AppError("bad-request", `The parameter "${key.slice(0, 50)}" is given more than once.`), undefined);
        fields[key] = value;
      }
      done(null, fields);
    });

    // POST /oauth/introspect — is this token active, and what does it carry?
    oauth.post(
      "/oauth/introspect",
      openapi({
        tags: ["oauth"],
        callers: "any",
        summary: "RFC 7662 token introspection (internal components; not the web tier). Anything but an active token answers {\"active\": false}.",
        body: introspectionRequest,
        response: introspectionResponse,
      }),
      async (request, reply) => {
        componentCaller(request);
        const { token } = parseInput(introspectionRequest, request.body);
        void reply.header("cache-control", "no-store");
        return introspectToken(ctx, token);
      },
    );

    // POST /oauth/revoke — revoke a token; 200 whether or not it existed (RFC 7009 §2.2).
    oauth.post(
      "/oauth/revoke",
      openapi({ tags: ["oauth"], callers: "any", summary: "RFC 7009 token revocation (internal components; not the web tier). 200 even for unknown tokens.", body: revocationRequest }),
      async (request, reply) => {
        const caller = componentCaller(request);
        const { token } = parseInput(revocationRequest, request.body);
        await revokeByComponent(ctx, caller, token, requestMeta(request));
        return reply.status(200).send();
      },
    );
  });
}
