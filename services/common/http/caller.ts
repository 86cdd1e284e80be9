// Who is calling: the identity (CN) of the verified client certificate on this TLS connection.
import type { TLSSocket } from "node:tls";
import type { FastifyRequest } from "fastify";
import { AppError } from "./app-error";

const identityBySocket = new WeakMap<object, string | null>();

export function callerIdentity(request: FastifyRequest): string | null {
  const socket = request.raw.socket as TLSSocket;
  if (identityBySocket.has(socket)) return identityBySocket.get(socket) ?? null;
  const cn = socket.authorized ? socket.getPeerCertificate()?.subject?.CN : undefined;
  const identity = typeof cn === "string" ? cn : null;
  identityBySocket.set(socket, identity);
  return identity;
}

/** Throws 403 unless the peer certificate names one of the allowed identities. */
export function assertCaller(request: FastifyRequest, allowed: readonly string[]): string {
  const identity = callerIdentity(request);
  if (!identity || !allowed.includes(identity)) {
    throw new AppError("forbidden", `This endpoint is not open to ${identity ? `"${identity}"` : "unidentified callers"}.`);
  }
  return identity;
}
