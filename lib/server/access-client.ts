import "server-only";
// The web tier's one way to reach the access service: env-configured mTLS client plus the
// incoming request's id and client address. Everything else in the web tier goes through here.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import type { z } from "zod";
import { requestIdHeader } from "@/contracts/identities";
import { AccessProblem } from "./access-problem";
import { createMtlsClient, type HttpMethod, type MtlsClient, type RequestOptions } from "./mtls-client";

const globalKey = Symbol.for("tessera.web.accessClient");
type GlobalWithClient = typeof globalThis & { [globalKey]?: MtlsClient };

/** One client (one Agent, one pool) per process; env and PEM files are read on first use, not at import. */
function getClient(): MtlsClient {
  const g = globalThis as GlobalWithClient;
  const existing = g[globalKey];
  if (existing) return existing;
  const client = createMtlsClient({
    url: requireEnv("ACCESS_URL"),
    ca: readFileSync(requireEnv("TLS_CA_FILE")),
    cert: readFileSync(requireEnv("TLS_CERT_FILE")),
    key: readFileSync(requireEnv("TLS_KEY_FILE")),
  });
  g[globalKey] = client;
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
    const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
    const clientIp = forwarded || h.get("x-real-ip")?.trim() || undefined;
    return { requestId, clientIp };
  } catch {
    // Outside a request scope (build, scripts).
    return { requestId: randomUUID() };
  }
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
