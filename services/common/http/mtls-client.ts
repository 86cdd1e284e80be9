// Service-to-service JSON over mutual TLS: one pooled, kept-alive undici Agent per peer, TLS 1.3,
// TLS sessions resumed; the request id travels along.
import { Agent, request } from "undici";
import { requestIdHeader } from "../../../contracts/identities";

export type ClientTls = { ca: string | Buffer; cert: string | Buffer; key: string | Buffer };

export class PeerError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`peer answered ${status}`);
  }
}

export function createMtlsClient(baseUrl: string, tls: ClientTls, options: { connections?: number } = {}) {
  const agent = new Agent({
    connect: { ca: tls.ca, cert: tls.cert, key: tls.key, minVersion: "TLSv1.3" },
    connections: options.connections ?? 16,
    keepAliveTimeout: 60_000,
  });
  return {
    agent,
    async json<T = unknown>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
      const res = await request(new URL(path, baseUrl), {
        method,
        dispatcher: agent,
        headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.body.text();
      const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
      return { status: res.statusCode, body: parsed };
    },
    close: () => agent.close(),
  };
}

export function withRequestId(requestId: string | undefined): Record<string, string> {
  return requestId ? { [requestIdHeader]: requestId } : {};
}
