// Runs the policy each route declares in its options (contracts/route-policy.ts) in one onRequest hook,
// before any body is read: the caller's certificate identity (403), a live session behind the bearer
// (401), the person's permission (403). Handlers then read the verified caller (and the service its
// person); they never check again. Refusals are counted in Prometheus and handed to the service to audit.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Counter, type Registry } from "prom-client";
import type { Role } from "../../../contracts/access-api";
import { isTesseraIdentity } from "../../../contracts/identities";
import { admitsCaller, roleMayCall, type EndpointPolicy, type RefusalReason } from "../../../contracts/route-policy";
import { AppError } from "./app-error";
import { callerIdentity } from "./caller";
import type { RouteDoc } from "./openapi";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route: enforced by the policy hook, shown in the OpenAPI document. */
    policy?: EndpointPolicy;
  }
}

/** What the permission check and the refusal audit need of the person a request acts for. */
export type VerifiedPerson = { id: string; label: string; role: Role; tenantId: string | null };

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

export type PolicyOptions = {
  /** The person behind the bearer of a request to a `bearer: "session"` route; throws an "unauthenticated" AppError. */
  authenticatePerson?: (request: FastifyRequest) => Promise<VerifiedPerson>;
  /** Records a refusal durably (the access service: its outbox); a failure is logged, the refusal stands. */
  recordRefusal?: (refusal: Refusal, request: FastifyRequest) => Promise<void>;
  /** The source address to audit (the access service trusts the web tier's header); default the TCP peer. */
  sourceIp?: (request: FastifyRequest) => string | null;
};

/** Route options declaring a policy and its documentation: `app.get(path, routeOptions(policy, doc), handler)`. */
export function routeOptions(policy: EndpointPolicy, doc: RouteDoc = {}) {
  return { config: { policy, openapi: doc } };
}

const verifiedCallers = new WeakMap<FastifyRequest, string>();
const declaredByService = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** A route as registered, with the policy it declared. */
export type DeclaredRoute = { method: string; url: string; policy: EndpointPolicy };

/** Every route of a service with its declared policy, as registered (what tests generate their matrices from). */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return declaredByService.get(app) ?? [];
}

/** The certificate identity the policy admitted for this request (only inside a route that declared one). */
export function verifiedCaller(request: FastifyRequest): string {
  const identity = verifiedCallers.get(request);
  if (identity === undefined) throw new Error(`no policy ran for ${request.method} ${request.url}`);
  return identity;
}

/** Prometheus caller label: Tessera's own identities by name, every component as one value (bounded). */
export function callerLabel(identity: string | null): string {
  if (identity === null) return "unidentified";
  return isTesseraIdentity(identity) ? identity : "component";
}

/**
 * Installs the hook and a registration check: every route registered after this call must declare the
 * policy of its own endpoint ("GET /v1/licenses"), or the service does not start. Call before adding routes.
 */
export function installPolicy(app: FastifyInstance, registry: Registry, options: PolicyOptions = {}): void {
  const refusals = new Counter({
    name: "authorization_refusals_total",
    help: "Requests the route policy refused, by route, reason and caller (Tessera identities by name, components as one)",
    labelNames: ["route", "reason", "caller"],
    registers: [registry],
  });

  const declared: DeclaredRoute[] = [];
  declaredByService.set(app, declared);
  app.addHook("onRoute", (route) => {
    const policy = route.config?.policy;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== "HEAD");
    for (const method of methods) {
      if (policy?.endpoint !== `${method} ${route.url}`) {
        throw new Error(`${method} ${route.url} declares ${policy ? `the policy of ${policy.endpoint}` : "no policy"}; give it its own (contracts/*-policies.ts)`);
      }
      declared.push({ method, url: route.url, policy });
    }
    if (policy?.bearer === "session" && !options.authenticatePerson) throw new Error(`${policy.endpoint} acts for a person, but this service authenticates none`);
  });

  app.addHook("onRequest", async (request) => {
    const policy = request.routeOptions.config?.policy;
    if (!policy) return; // no route matched: the not-found handler answers
    const identity = callerIdentity(request);
    const refuse = async (reason: RefusalReason, error: AppError, person: VerifiedPerson | null = null): Promise<never> => {
      const route = request.routeOptions.url ?? policy.endpoint;
      refusals.inc({ route, reason, caller: callerLabel(identity) });
      const refusal: Refusal = {
        reason, status: error.status === 401 ? 401 : 403, identity, person: person ? { id: person.id, label: person.label, tenantId: person.tenantId } : null,
        method: request.method, route, sourceIp: options.sourceIp ? options.sourceIp(request) : (request.ip ?? null), requestId: String(request.id),
      };
      await options.recordRefusal?.(refusal, request).catch((err: unknown) => request.log.error({ err, refusal }, "refusal could not be audited"));
      throw error;
    };

    if (identity === null || !admitsCaller(policy, identity)) {
      return refuse("caller-not-admitted", new AppError("forbidden", `This endpoint is not open to ${identity ? `"${identity}"` : "unidentified callers"}.`, { reason: "caller-not-admitted" }));
    }
    verifiedCallers.set(request, identity);
    if (policy.bearer !== "session") return;

    const person = await options.authenticatePerson!(request).catch((error: unknown) =>
      error instanceof AppError && error.code === "unauthenticated" ? refuse("session-required", error) : Promise.reject(error),
    );
    if (!roleMayCall(person.role, policy)) {
      return refuse("permission-missing", new AppError("forbidden", `Your role may not do this (${policy.permission}).`, { reason: "permission-missing" }), person);
    }
  });
}
