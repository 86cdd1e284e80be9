// The request id and the caller's address. The web tier calls for browsers and tells us the browser's
// address in a header; without a usable one the address is unknown (null), never the web host's own
// (every browser would then share one address, for sign-in throttling and in the audit trail). Any other
// caller calls for itself: its TCP peer address is its address.
import { isIP } from "node:net";
import type { FastifyRequest } from "fastify";
import { clientIpHeader, serviceIdentities } from "../../../contracts/identities";
import { callerIdentity } from "../../common/http/caller";
import type { RequestMeta } from "../domain/context";
import { stepUpFactorOf } from "./require-step-up";

export function requestMeta(request: FastifyRequest): RequestMeta {
  const stepUpFactor = stepUpFactorOf(request);
  return { requestId: String(request.id), sourceIp: sourceAddress(request), ...(stepUpFactor ? { stepUpFactor } : {}) };
}

function sourceAddress(request: FastifyRequest): string | null {
  if (callerIdentity(request) !== serviceIdentities.web) return request.ip ?? null;
  const forwarded = request.headers[clientIpHeader];
  return typeof forwarded === "string" && isIP(forwarded) ? forwarded : null;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
}
