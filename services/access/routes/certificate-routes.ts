// Offline license certificates (JWS) and the JWKS of their signing keys.
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { jwksResponse, licenseCertificateQuery, licenseCertificateResponse } from "../../../contracts/certificate-api";
import { licenseIdParams } from "../../../contracts/license-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import { issueLicenseCertificate } from "../domain/certificates/issue-license-certificate";
import type { AccessContext } from "../domain/context";
import { loadSigningKeys, publicJwks } from "../keys/signing-keys";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";

export function certificateRoutes(app: FastifyInstance, ctx: AccessContext) {
  // GET /.well-known/jwks.json — public keys that verify license certificates, for every internal
  // identity (TLS already demands a certificate of the internal CA); the web tier offers it for download.
  app.get(
    "/.well-known/jwks.json",
    routeOptions(policies["GET /.well-known/jwks.json"], {
      summary: "Public keys (JWKS) that verify offline license certificates, including retired keys whose certificates may still be valid.",
      tags: ["certificates"],
      response: jwksResponse,
      responseContentType: "application/jwk-set+json",
    }),
    async (_request, reply) => {
      const jwks = publicJwks(await loadSigningKeys(ctx.keysDir));
      return reply.type("application/jwk-set+json").header("cache-control", "max-age=300").send(jwks);
    },
  );

  // GET /v1/licenses/:id/certificate — a signed offline certificate of a license the person may read.
  app.get(
    "/v1/licenses/:id/certificate",
    routeOptions(policies["GET /v1/licenses/:id/certificate"], {
      summary: "An offline license certificate: a compact JWS (EdDSA) that any JOSE library verifies with the JWKS; with `fingerprint`, bound to that activation.",
      tags: ["certificates"],
      params: licenseIdParams,
      query: licenseCertificateQuery,
      response: licenseCertificateResponse,
      problems: {
        404: "No such license, or another tenant's.",
        409: "The license gets no certificate: reason license-revoked, license-suspended, license-expired or license-not-started; not-activated when the fingerprint to bind it to holds no seat.",
      },
    }),
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parseInput(licenseIdParams, request.params);
      const { fingerprint } = parseInput(licenseCertificateQuery, request.query);
      // A certificate is a credential for offline use: keep it out of shared caches.
      reply.header("cache-control", "no-store");
      return issueLicenseCertificate(ctx, actor, id, requestMeta(request), fingerprint);
    },
  );
}
