// Service-to-service JSON over mutual TLS: one pooled, kept-alive undici Agent per peer, TLS 1.3,
// TLS sessions resumed; the request id travels along.
import { Agent, request } from "undici";
import { requestIdHeader } from "../../../contracts/identities";

export type ClientTls = { ca: string | Buffer; cert: string | Buffer; key: string | Buffer };

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export function createMtlsClient(baseUrl: string, tls: ClientTls, options: { connections?: number; timeoutMs?: number } = {}) {
  const agent = new Agent({
    connect: { ca: tls.ca, cert: tls.cert, key: tls.key, minVersion: "TLSv1.3" },
    connections: options.connections ?? 16,
    keepAliveTimeout: 60_000,
    // A peer that hangs counts as failed rather than holding the caller for undici's default 5 minutes.
    headersTimeout: options.timeoutMs ?? 10_000,
    bodyTimeout: options.timeoutMs ?? 10_000,
  });
  /** Sends a request with a body already serialised (or none) and parses a JSON answer if there is one. */
  async function raw<T = unknown>(method: Method, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
    const res = await request(new URL(path, baseUrl), { method, dispatcher: agent, headers, body });
    const text = await res.body.text();
    const isJson = /json/.test(String(res.headers["content-type"] ?? ""));
    return { status: res.statusCode, body: (isJson && text ? JSON.parse(text) : text || undefined) as T, headers: res.headers };
  }
  return {
    agent,
    raw,
    json<T = unknown>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}) {
      return raw<T>(method, path, body === undefined ? undefined : JSON.stringify(body), {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      });
    },
    close: () => agent.close(),
  };
}

export function withRequestId(requestId: string | undefined): Record<string, string> {
  return requestId ? { [requestIdHeader]: requestId } : {};
}
