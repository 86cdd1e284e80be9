// Runs the policy each route declares in its options (contracts/route-policy.ts) in one onRequest hook,
// before any body is read: the caller's certificate identity (403), a live session behind the bearer
// (401), the person's permission (403), and on step-up routes a fresh second factor (403, reason
// step-up-required). Handlers then read the verified caller (and the service its
// person); they never check again. Refusals are counted and audited on the one path of refusal-recorder.ts.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Role } from "../../../contracts/access-api";
import { admitsCaller, admitsDemandedStepUp, admitsOwedSecondFactor, requiresStepUp, roleMayCall, type EndpointPolicy, type RefusalReason } from "../../../contracts/route-policy";
import { AppError } from "./app-error";
import { callerIdentity } from "./caller";
import type { RouteDoc } from "./openapi";
import type { RecordRefusal, RefusalRecorderOptions } from "./refusal-recorder";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route: enforced by the policy hook, shown in the OpenAPI document. */
    policy?: EndpointPolicy;
  }
}

/** What the permission check and the refusal audit need of the person a request acts for. */
export type VerifiedPerson = {
  id: string;
  label: string;
  role: Role;
  tenantId: string | null;
  /** A fresh second factor is demanded of this session (the anomaly detector's response): only routes that admit it answer. */
  stepUpDemanded?: boolean;
  /** The person must have a second factor and has not given one in this session: only routes that admit it answer. */
  secondFactorOwed?: boolean;
};

export type PolicyOptions = RefusalRecorderOptions & {
  /** The person behind the bearer of a request to a `bearer: "session"` route; throws an "unauthenticated" AppError. */
  authenticatePerson?: (request: FastifyRequest) => Promise<VerifiedPerson>;
  /** On a `stepUp` route, after the person is authorised: throws a "forbidden" AppError (reason step-up-required) unless their second factor is fresh. */
  assertStepUp?: (request: FastifyRequest, person: VerifiedPerson) => Promise<void>;
};

const secondFactorOwedError = () =>
  new AppError("forbidden", "A second factor is required for your account: add a passkey or an authenticator app on the Security page to go on.", { reason: "second-factor-required" });
const stepUpDemandedError = () =>
  new AppError("forbidden", "Unusual activity was noticed on your account: confirm it is you with your second factor to go on.", { reason: "step-up-required" });

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

/**
 * Installs the hook and a registration check: every route registered after this call must declare the
 * policy of its own endpoint ("GET /v1/licenses"), or the service does not start. Call before adding routes.
 */
export function installPolicy(app: FastifyInstance, recordRefusal: RecordRefusal, options: PolicyOptions = {}): void {
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
    if (policy && requiresStepUp(policy) && !options.assertStepUp) throw new Error(`${policy.endpoint} asks for step-up, but this service checks none`);
  });

  app.addHook("onRequest", async (request) => {
    const policy = request.routeOptions.config?.policy;
    if (!policy) return; // no route matched: the not-found handler answers
    const identity = callerIdentity(request);
    const refuse = async (reason: RefusalReason, error: AppError, person: VerifiedPerson | null = null): Promise<never> => {
      await recordRefusal(request, {
        reason, status: error.status === 401 ? 401 : 403, identity, person: person ? { id: person.id, label: person.label, tenantId: person.tenantId } : null,
        route: request.routeOptions.url ?? policy.endpoint,
      });
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
    if (person.stepUpDemanded && !admitsDemandedStepUp(policy)) {
      return refuse("step-up-required", stepUpDemandedError(), person);
    }
    if (person.secondFactorOwed && !admitsOwedSecondFactor(policy)) {
      return refuse("second-factor-required", secondFactorOwedError(), person);
    }
    if (requiresStepUp(policy)) {
      await options.assertStepUp!(request, person).catch((error: unknown) =>
        error instanceof AppError && (error.extra.reason === "step-up-required" || error.extra.reason === "second-factor-required")
          ? refuse(error.extra.reason, error, person)
          : Promise.reject(error),
      );
    }
  });
}
