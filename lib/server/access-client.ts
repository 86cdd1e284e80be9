import "server-only";
// The web tier's one way to reach the access service: env-configured mTLS client plus the
// incoming request's id and client address. Everything else in the web tier goes through here.
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { headers } from "next/headers";
import type { z } from "zod";
import { requestIdHeader, serviceIdentities } from "@/contracts/identities";
import { peerAddressHeader } from "@/lib/web-server/peer-address.mjs";
import { validRequestId } from "@/observability/request-id.mjs";
import { AccessProblem } from "./access-problem";
import { downloadResponse } from "./download-response";
import { createMtlsClient, type Download, type HttpMethod, type MtlsClient, type RequestOptions } from "./mtls-client";
import { readTlsMaterial, tlsFilePaths, watchTlsFiles } from "./tls-files";
import { webLog } from "@/lib/server/log";

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
      webLog().error({ err }, "TLS material could not be reloaded; keeping the previous one");
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
    // The web tier's own server gave every request its id (lib/web-server/serve-web.mjs).
    const requestId = validRequestId(h.get(requestIdHeader)) ?? randomUUID();
    return { requestId, clientIp: clientAddress({ forwardedFor: h.get("x-forwarded-for"), peer: h.get(peerAddressHeader) }) };
  } catch {
    // Outside a request scope (build, scripts).
    return { requestId: randomUUID() };
  }
}

/**
 * The browser's address, for throttling and audit. The browser can send any X-Forwarded-For it likes;
 * only entries appended by proxies the operator says exist count. WEB_TRUSTED_PROXY_HOPS (default 0: no
 * proxy, as with `npm start`) is how many proxies stand in front of the web tier, each appending the
 * address it saw. `peer` is the TCP peer our own server recorded (lib/web-server/serve-web.mjs), so the
 * chain is X-Forwarded-For's entries followed by the peer, and the browser is `hops` entries left of its
 * end. Under plain `next start` there is no peer header, and X-Forwarded-For is the browser's own unless a
 * proxy appended to it: with no proxy declared there is then no address we could trust.
 */
export function clientAddress(
  from: { forwardedFor: string | null; peer: string | null },
  hops = trustedProxyHops(process.env.WEB_TRUSTED_PROXY_HOPS),
): string | undefined {
  const forwarded = (from.forwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  const peer = from.peer?.trim() || null;
  if (!peer && hops === 0) return undefined;
  const chain = peer ? [...forwarded, peer] : forwarded;
  const entry = peer ? chain[Math.max(0, chain.length - 1 - hops)] : chain[Math.max(0, chain.length - hops)];
  const address = entry?.startsWith("::ffff:") && isIP(entry.slice(7)) === 4 ? entry.slice(7) : entry;
  return address && isIP(address) ? address : undefined;
}

/** WEB_TRUSTED_PROXY_HOPS as a count of proxies; anything but a whole number 0–10 means none (the safe reading). */
export function trustedProxyHops(value: string | undefined): number {
  const n = Number(value ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/** A download from the access service (an audit export), streamed through without being held in memory. */
export async function accessDownload(path: string, options: { bearer: string }): Promise<Download> {
  const ctx = await incomingContext();
  return configuredClient(ctx.requestId).download(path, { ...options, ...ctx });
}

/** A download passed through to the browser as it comes (the web tier holds none of it), never cached or sniffed. */
export async function accessDownloadResponse(path: string, options: { bearer: string }): Promise<Response> {
  return downloadResponse(await accessDownload(path, options));
}

function configuredClient(requestId: string): MtlsClient {
  try {
    return getClient();
  } catch (cause) {
    // Missing env or unreadable PEM files: the service is, for this process, unavailable.
    webLog().error({ "http.request.id": requestId, err: cause }, "access client not configured");
    throw new AccessProblem({ status: 503, code: "unavailable", detail: "Access service not configured", cause });
  }
}

export async function accessRequest<S extends z.ZodType | undefined = undefined>(
  method: HttpMethod,
  path: string,
  options: Omit<RequestOptions<S>, "requestId" | "clientIp"> = {},
): Promise<S extends z.ZodType ? z.infer<S> : undefined> {
  const ctx = await incomingContext();
  return configuredClient(ctx.requestId).request(method, path, { ...options, ...ctx });
}
