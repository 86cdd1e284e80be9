// Service-to-service JSON over mutual TLS: one pooled, kept-alive undici Agent per peer, TLS 1.3; the
// request id travels along. Every new connection's server certificate is checked against the transport
// policy (server usage, key, expiry, and the identity expected). A call made while serving a request
// sends that request's id and trace context (`traceparent`) on. `reload` swaps in new material (a renewed
// certificate, a new CRL): the old pool is dropped, so a server whose certificate the new CRL lists is
// never reached again.
import tls, { type TLSSocket } from "node:tls";
import { Agent, buildConnector, request } from "undici";
import { requestIdHeader } from "../../../contracts/identities";
import { outgoingContextHeaders } from "../../../observability/request-context.mjs";
import { peerCertificateProblem } from "../../../contracts/tls-policy";
import { readTlsMaterial, secureContextOptions, watchTlsFiles, type TlsFiles } from "../tls/server-tls";

export type ClientTls = { ca: string | Buffer; cert: string | Buffer; key: string | Buffer; crl?: string | Buffer };

export type MtlsClientOptions = {
  connections?: number;
  timeoutMs?: number;
  /** The identity (CN) the server must present; any identity of the CA when omitted (tests, probes). */
  serverIdentity?: string;
};

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const toBuffer = (v: string | Buffer) => (typeof v === "string" ? Buffer.from(v) : v);

/** An undici connector that refuses, after the TLS stack's own checks, a server the policy does not admit. */
export function policyConnector(material: ClientTls, serverIdentity: string | undefined): buildConnector.connector {
  const context = secureContextOptions({ ca: toBuffer(material.ca), cert: toBuffer(material.cert), key: toBuffer(material.key), crl: material.crl ? toBuffer(material.crl) : undefined });
  tls.createSecureContext(context); // throws now, not at the first request, on a key that does not match its certificate
  // No session resumption on this side: Node shows no peer certificate on a resumed client session, so the
  // server could not be checked; a full handshake per new connection is cheap next to keep-alive.
  const base = buildConnector({ ...context, rejectUnauthorized: true, maxCachedSessions: 0 });
  return (options, callback) =>
    base(options, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error("no connection"), null);
      if (!("encrypted" in socket)) return callback(null, socket); // an http: origin (benchmarks' baseline)
      const problem = peerCertificateProblem((socket as TLSSocket).getPeerCertificate(), { usage: "server", identity: serverIdentity, now: Date.now() });
      if (!problem) return callback(null, socket);
      socket.destroy();
      callback(new Error(`refused the server's certificate: ${problem}`), null);
    });
}

export function createMtlsClient(baseUrl: string, material: ClientTls, options: MtlsClientOptions = {}) {
  const build = (m: ClientTls) =>
    new Agent({
      connect: policyConnector(m, options.serverIdentity),
      connections: options.connections ?? 16,
      keepAliveTimeout: 60_000,
      // A peer that hangs counts as failed rather than holding the caller for undici's default 5 minutes.
      headersTimeout: options.timeoutMs ?? 10_000,
      bodyTimeout: options.timeoutMs ?? 10_000,
    });
  let agent = build(material);
  /** Sends a request with a body already serialised (or none) and parses a JSON answer if there is one. */
  async function raw<T = unknown>(method: Method, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
    const res = await request(new URL(path, baseUrl), { method, dispatcher: agent, headers: { ...outgoingContextHeaders(), ...headers }, body });
    const text = await res.body.text();
    const isJson = /json/.test(String(res.headers["content-type"] ?? ""));
    return { status: res.statusCode, body: (isJson && text ? JSON.parse(text) : text || undefined) as T, headers: res.headers };
  }
  return {
    get agent() {
      return agent;
    },
    raw,
    json<T = unknown>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}) {
      return raw<T>(method, path, body === undefined ? undefined : JSON.stringify(body), {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      });
    },
    /** New material from now on; requests in flight finish on the old pool, whose idle connections close at once. */
    reload(next: ClientTls) {
      const fresh = build(next);
      const old = agent;
      agent = fresh;
      void old.close().catch(() => {});
    },
    close: () => agent.close(),
  };
}

export type MtlsClient = ReturnType<typeof createMtlsClient>;

/**
 * A client whose certificate, CA and CRL are read from files and reloaded when they change (within a
 * second), as a long-running process needs. `onError` hears of material that could not be loaded (the
 * client keeps the previous one).
 */
export function createWatchedMtlsClient(baseUrl: string, files: TlsFiles, options: MtlsClientOptions & { onError?: (e: unknown) => void } = {}): MtlsClient {
  const initial = readTlsMaterial(files);
  const client = createMtlsClient(baseUrl, initial, options);
  const stopWatching = watchTlsFiles(files, (next) => client.reload(next), options.onError ?? (() => {}), initial);
  const close = client.close;
  return Object.assign(client, {
    close: () => {
      stopWatching();
      return close();
    },
  });
}

export function withRequestId(requestId: string | undefined): Record<string, string> {
  return requestId ? { [requestIdHeader]: requestId } : {};
}
