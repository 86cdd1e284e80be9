import "server-only";
// The web tier's one way to reach the access service: env-configured mTLS client plus the
// incoming request's id and client address. Everything else in the web tier goes through here.
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { headers } from "next/headers";
import type { z } from "zod";
import { requestIdHeader, serviceIdentities } from "@/contracts/identities";
import { AccessProblem } from "./access-problem";
import { createMtlsClient, type HttpMethod, type MtlsClient, type RequestOptions } from "./mtls-client";
import { readTlsMaterial, tlsFilePaths, watchTlsFiles } from "./tls-files";

const globalKey = Symbol.for("tessera.web.accessClient");
type CachedClient = { client: MtlsClient; stopWatching: () => void };
type GlobalWithClient = typeof globalThis & { [globalKey]?: CachedClient };

/**
 * One client (one Agent, one pool) per process; env and PEM files are read on first use, not at import.
 * Certificates are short-lived and renewed in place, and the CRL changes when a certificate is revoked:
 * within a second of a file changing, the client takes the new material, drops its kept-alive connections
 * and cached TLS sessions (requests in flight finish), so a revoked access server is not reached again.
 */
function getClient(): MtlsClient {
  const g = globalThis as GlobalWithClient;
  const cached = g[globalKey];
  if (cached) return cached.client;
  const paths = tlsFilePaths();
  const client = createMtlsClient({ url: requireEnv("ACCESS_URL"), serverIdentity: serviceIdentities.access, ...readTlsMaterial(paths) });
  const stopWatching = watchTlsFiles(paths, () => {
    try {
      client.reload(readTlsMaterial(paths));
    } catch (err) {
      // Half-written or mismatched files (a renewal in progress): the next change event or poll retries.
      console.error(JSON.stringify({ level: "error", msg: "TLS material could not be reloaded; keeping the previous one", err: String(err) }));
    }
  });
  g[globalKey] = { client, stopWatching };
  return client;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** Request id and browser address of the request being served, when there is one. */
export async function incomingContext(): Promise<{ requestId: string; clientIp?: string }> {
  try {
    const h = await headers();
    const requestId = validRequestId(h.get(requestIdHeader)) ?? randomUUID();
    return { requestId, clientIp: clientAddress(h.get("x-forwarded-for")) };
  } catch {
    // Outside a request scope (build, scripts).
    return { requestId: randomUUID() };
  }
}

/**
 * The browser's address, for throttling and audit. Only the entries appended by proxies we trust
 * count: the browser can send any X-Forwarded-For it likes, but the HTTPS terminator in front of the
 * web tier appends the address it saw (and Next.js fills the header from the socket when absent).
 * WEB_TRUSTED_PROXY_HOPS (default 1) says how many appended entries, from the right, are ours.
 */
export function clientAddress(forwardedFor: string | null, hops = Number(process.env.WEB_TRUSTED_PROXY_HOPS ?? 1)): string | undefined {
  const entries = (forwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  const entry = entries[Math.max(0, entries.length - Math.max(1, hops))];
  return entry && isIP(entry) ? entry : undefined;
}

function validRequestId(value: string | null): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}

export async function accessRequest<S extends z.ZodType | undefined = undefined>(
  method: HttpMethod,
  path: string,
  options: Omit<RequestOptions<S>, "requestId" | "clientIp"> = {},
): Promise<S extends z.ZodType ? z.infer<S> : undefined> {
  const ctx = await incomingContext();
  let client: MtlsClient;
  try {
    client = getClient();
  } catch (cause) {
    // Missing env or unreadable PEM files: the service is, for this process, unavailable.
    console.error(JSON.stringify({ level: "error", msg: "access client not configured", requestId: ctx.requestId, err: String(cause) }));
    throw new AccessProblem({ status: 503, code: "unavailable", title: "Access service not configured", cause });
  }
  return client.request(method, path, { ...options, ...ctx });
}
