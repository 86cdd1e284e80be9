import "server-only";
// Core mTLS client for the access service: one pooled undici Agent, JSON in, zod-checked JSON out.
// Free of next/* imports so that plain Node scripts (the benchmark) can use it too.
import { randomUUID } from "node:crypto";
import { Agent, request } from "undici";
import type { z } from "zod";
import { clientIpHeader, requestIdHeader } from "@/contracts/identities";
import { problemContentType } from "@/contracts/problem";
import { AccessProblem, problemFromResponse } from "./access-problem";

export type MtlsClientOptions = {
  /** Base URL of the access service, e.g. https://127.0.0.1:7443 */
  url: string;
  /** PEM strings (not paths). */
  ca: string | Buffer;
  cert: string | Buffer;
  key: string | Buffer;
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

export type MtlsClient = { request: RequestFn; agent: Agent; close(): Promise<void> };

export function createMtlsClient(options: MtlsClientOptions): MtlsClient {
  const base = new URL(options.url);
  const timeoutMs = options.timeoutMs ?? 10_000;
  // undici keeps connections alive and caches TLS sessions per origin, so repeat calls resume.
  const agent = new Agent({
    connect: {
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      minVersion: "TLSv1.3",
      maxVersion: "TLSv1.3",
      rejectUnauthorized: true,
    },
    connections: options.connections ?? 32,
    keepAliveTimeout: 30_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  const requestFn = async (method: HttpMethod, path: string, opts: RequestOptions<z.ZodType | undefined> = {}) => {
    const url = new URL(path, base);
    if (url.origin !== base.origin) throw new Error("accessRequest: path must stay on the access service origin");
    const headers: Record<string, string> = {
      accept: `application/json, ${problemContentType}`,
      [requestIdHeader]: opts.requestId ?? randomUUID(),
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

  return {
    request: requestFn as RequestFn,
    agent,
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
