// RFC 8705 §3.1 certificate thumbprint: base64url SHA-256 of the DER of the peer certificate on this connection.
import { createHash } from "node:crypto";
import type { TLSSocket } from "node:tls";
import type { FastifyRequest } from "fastify";

export function certThumbprint(der: Buffer): string {
  return createHash("sha256").update(der).digest("base64url");
}

/** The thumbprint of the verified client certificate of the request's connection, or null without one. */
export function peerCertThumbprint(request: FastifyRequest): string | null {
  const socket = request.raw.socket as TLSSocket;
  if (!socket.authorized) return null;
  const raw = socket.getPeerCertificate()?.raw;
  return raw && raw.length ? certThumbprint(raw) : null;
}
