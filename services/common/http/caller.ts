// Who is calling: the identity (CN) of the verified client certificate on this TLS connection. Which
// identities a route admits is its declared policy's business (policy.ts), not the handler's.
import type { TLSSocket } from "node:tls";
import type { FastifyRequest } from "fastify";

const identityBySocket = new WeakMap<object, string | null>();

export function callerIdentity(request: FastifyRequest): string | null {
  const socket = request.raw.socket as TLSSocket;
  if (identityBySocket.has(socket)) return identityBySocket.get(socket) ?? null;
  const cn = socket.authorized ? socket.getPeerCertificate()?.subject?.CN : undefined;
  const identity = typeof cn === "string" ? cn : null;
  identityBySocket.set(socket, identity);
  return identity;
}
