// One path for every refusal of a service's callers — the connection guard's (a certificate revoked or
// expired on a live connection) and the route policy's: counted in `authorization_refusals_total` by
// route, reason and caller, and handed to the service to audit (refusal-audit.ts: bounded, one event per
// caller, route and reason a minute). An audit write that fails is logged; the refusal stands.
import type { FastifyRequest } from "fastify";
import { Counter, type Registry } from "prom-client";
import { isTesseraIdentity } from "../../../contracts/identities";
import type { RefusalReason } from "../../../contracts/route-policy";

/** One refusal, for the service's audit trail. */
export type Refusal = {
  reason: RefusalReason;
  status: 401 | 403;
  identity: string | null;
  person: { id: string; label: string; tenantId: string | null } | null;
  method: string;
  route: string;
  sourceIp: string | null;
  requestId: string;
};

export type RefusalRecorderOptions = {
  /** Records a refusal durably (the access service: its outbox); a failure is logged, the refusal stands. */
  recordRefusal?: (refusal: Refusal, request: FastifyRequest) => Promise<void>;
  /** The source address to audit (the access service's rule, routes/request-meta.ts); default the TCP peer. */
  sourceIp?: (request: FastifyRequest) => string | null;
};

/** What the refusing hook knows; the recorder adds the request's method, route, address and id. */
export type RefusalOf = Pick<Refusal, "reason" | "status" | "identity" | "person"> & { route?: string };
export type RecordRefusal = (request: FastifyRequest, refusal: RefusalOf) => Promise<void>;

/** Prometheus caller label: Tessera's own identities by name, every component as one value (bounded). */
export function callerLabel(identity: string | null): string {
  if (identity === null) return "unidentified";
  return isTesseraIdentity(identity) ? identity : "component";
}

export function createRefusalRecorder(registry: Registry, options: RefusalRecorderOptions = {}): RecordRefusal {
  const refusals = new Counter({
    name: "authorization_refusals_total",
    help: "Requests refused (the connection guard's certificate checks and the route policy), by route, reason and caller (Tessera identities by name, components as one)",
    labelNames: ["route", "reason", "caller"],
    registers: [registry],
  });
  return async (request, of) => {
    // The declared route, never the raw URL: labels and audit keys stay bounded.
    const route = of.route ?? request.routeOptions.url ?? "unmatched";
    refusals.inc({ route, reason: of.reason, caller: callerLabel(of.identity) });
    const refusal: Refusal = {
      reason: of.reason, status: of.status, identity: of.identity, person: of.person,
      method: request.method, route, sourceIp: options.sourceIp ? options.sourceIp(request) : (request.ip ?? null), requestId: String(request.id),
    };
    await options.recordRefusal?.(refusal, request).catch((err: unknown) => request.log.error({ err, refusal }, "refusal could not be audited"));
  };
}
