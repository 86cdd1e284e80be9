// The request id and the browser's address: the web tier tells us the latter; from anyone else we
// take the TCP peer address.
import { isIP } from "node:net";
import type { FastifyRequest } from "fastify";
import { clientIpHeader } from "../../../contracts/identities";
import { callerIdentity } from "../../common/http/caller";
import type { RequestMeta } from "../domain/context";

export function requestMeta(request: FastifyRequest): RequestMeta {
  const forwarded = request.headers[clientIpHeader];
  const fromWeb = callerIdentity(request) === "web" && typeof forwarded === "string" && isIP(forwarded) ? forwarded : null;
  return { requestId: String(request.id), sourceIp: fromWeb ?? request.ip ?? null };
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
}
