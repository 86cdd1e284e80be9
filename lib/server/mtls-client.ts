import "server-only";
// Core mTLS client for the access service: one pooled undici Agent, JSON in, zod-checked JSON out.
// Each call carries the request's id and trace context (`traceparent`, observability/request-context.mjs).
// It talks only to a server whose certificate names `access` (a server certificate, ECDSA, unexpired),
// checked on every connection; with a CRL the TLS stack refuses revoked servers,
// and `reload` (new CRL, renewed certificate) drops the old pool and its cached TLS sessions.
// Free of next/* imports so that plain Node scripts (the benchmark) can use it too.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import tls, { type TLSSocket } from "node:tls";
import { Agent, buildConnector, request } from "undici";
import type { z } from "zod";
import { clientIpHeader, requestIdHeader, serviceIdentities } from "@/contracts/identities";
import { problemContentType } from "@/contracts/problem";
import { peerCertificateProblem, tlsCiphers, tlsMinVersion } from "@/contracts/tls-policy";
import { currentRequestId, outgoingContextHeaders } from "@/observability/request-context.mjs";
import { AccessProblem, problemFromResponse } from "./access-problem";

export type MtlsClientOptions = {
  /** Base URL of the access service, e.g. https://127.0.0.1:7443 */
  url: string;
  /** PEM strings (not paths). */
  ca: string | Buffer;
  cert: string | Buffer;
  key: string | Buffer;
  /** The CA's revocation list (PEM), when the deployment publishes one. */
  crl?: string | Buffer;
  /** The identity (CN) the server must present. */
  serverIdentity?: string;
  /** Per-request timeout in milliseconds (headers and body each). */
  timeoutMs?: number;
  connections?: number;
};

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type RequestOptions<S extends z.ZodType | undefined> = {
  body?: unknown;
  bearer?: string;
  /** Schema for a 2xx body; omit for 204 / bodies the caller ignores. */
  schema?: S;
  requestId?: string;
  clientIp?: string;
  signal?: AbortSignal;
};

export type RequestFn = <S extends z.ZodType | undefined = undefined>(
  method: HttpMethod,
  path: string,
  options?: RequestOptions<S>,
) => Promise<S extends z.ZodType ? z.infer<S> : undefined>;

export type TlsMaterial = Pick<MtlsClientOptions, "ca" | "cert" | "key" | "crl">;

/** A 2xx body passed through as it arrives (downloads such as audit exports), with the headers a browser needs. */
export type Download = { body: ReadableStream<Uint8Array>; contentType: string; contentDisposition: string | null };

export type MtlsClient = {
  request: RequestFn;
  /** GET a download, streamed: the body is not read into memory; a refusal is thrown as the service's problem. */
  download: (path: string, opts?: Omit<RequestOptions<undefined>, "body" | "schema">) => Promise<Download>;
  readonly agent: Agent;
  /** New certificate, CA or CRL from now on; requests in flight finish on the old pool. */
  reload(material: TlsMaterial): void;
  close(): Promise<void>;
};

/** Connections whose server the policy refuses are ended before any request is sent on them. */
function policyConnector(material: TlsMaterial, serverIdentity: string): buildConnector.connector {
  const options = { ca: material.ca, cert: material.cert, key: material.key, crl: material.crl, minVersion: tlsMinVersion, maxVersion: tlsMinVersion, ciphers: tlsCiphers(tls.DEFAULT_CIPHERS) };
  tls.createSecureContext(options); // a key that does not match its certificate fails here, not at the first request
  // No session resumption on this side: Node shows no peer certificate on a resumed client session, so the
  // server could not be checked; a full handshake per new connection is cheap next to keep-alive.
  const base = buildConnector({ ...options, rejectUnauthorized: true, maxCachedSessions: 0 });
  return (connectOptions, callback) =>
    base(connectOptions, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error("no connection"), null);
      if (!("encrypted" in socket)) return callback(null, socket); // an http: origin (the benchmark's baseline)
      const problem = peerCertificateProblem((socket as TLSSocket).getPeerCertificate(), { usage: "server", identity: serverIdentity, now: Date.now() });
      if (!problem) return callback(null, socket);
      socket.destroy();
      callback(new Error(`refused the access service's certificate: ${problem}`), null);
    });
}

export function createMtlsClient(options: MtlsClientOptions): MtlsClient {
  const base = new URL(options.url);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const serverIdentity = options.serverIdentity ?? serviceIdentities.access;
  // undici keeps connections alive; each new one is a full handshake, checked by policyConnector.
  const build = (material: TlsMaterial) =>
    new Agent({
      connect: policyConnector(material, serverIdentity),
      connections: options.connections ?? 32,
      keepAliveTimeout: 30_000,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  let agent = build(options);

  const requestFn = async (method: HttpMethod, path: string, opts: RequestOptions<z.ZodType | undefined> = {}) => {
    const url = new URL(path, base);
    if (url.origin !== base.origin) throw new Error("accessRequest: path must stay on the access service origin");
    const headers: Record<string, string> = {
      ...outgoingContextHeaders(opts.requestId),
      accept: `application/json, ${problemContentType}`,
      [requestIdHeader]: opts.requestId ?? currentRequestId() ?? randomUUID(),
    };
    if (opts.clientIp) headers[clientIpHeader] = opts.clientIp;
    if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers["content-type"] = "application/json";
    }

    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, { method, headers, body: payload, dispatcher: agent, signal: opts.signal });
    } catch (cause) {
      throw new AccessProblem({ status: 503, code: "unavailable", detail: "Access service unreachable", cause });
    }

    const text = await res.body.text().catch(() => "");
    const json = parseJson(text);
    if (res.statusCode >= 200 && res.statusCode < 300) {
      if (!opts.schema) return undefined;
      const parsed = opts.schema.safeParse(json);
      if (!parsed.success) {
        throw new AccessProblem({ status: 502, code: "internal", detail: "Unexpected answer from the access service", cause: parsed.error });
      }
      return parsed.data;
    }
    const retryAfter = res.headers["retry-after"];
    throw problemFromResponse(res.statusCode, json, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  };

  const download = async (path: string, opts: Omit<RequestOptions<undefined>, "body" | "schema"> = {}): Promise<Download> => {
    const url = new URL(path, base);
    if (url.origin !== base.origin) throw new Error("accessRequest: path must stay on the access service origin");
    const headers: Record<string, string> = { ...outgoingContextHeaders(opts.requestId), accept: `*/*, ${problemContentType}`, [requestIdHeader]: opts.requestId ?? currentRequestId() ?? randomUUID() };
    if (opts.clientIp) headers[clientIpHeader] = opts.clientIp;
    if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, { method: "GET", headers, dispatcher: agent, signal: opts.signal });
    } catch (cause) {
      throw new AccessProblem({ status: 503, code: "unavailable", detail: "Access service unreachable", cause });
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const text = await res.body.text().catch(() => "");
      const retryAfter = res.headers["retry-after"];
      throw problemFromResponse(res.statusCode, parseJson(text), Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    }
    const header = (name: string) => {
      const value = res.headers[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    };
    return { body: Readable.toWeb(res.body) as ReadableStream<Uint8Array>, contentType: header("content-type") ?? "application/octet-stream", contentDisposition: header("content-disposition") };
  };

  return {
    request: requestFn as RequestFn,
    download,
    get agent() {
      return agent;
    },
    reload(material) {
      const fresh = build(material);
      const old = agent;
      agent = fresh;
      void old.close().catch(() => {});
    },
    close: () => agent.close(),
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
