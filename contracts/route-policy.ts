// Who may call an endpoint, as data: the certificate identities it admits, whether it acts for a signed-in
// person, and the permission that person's role must carry. Each service's routes carry one of these in
// their options (services/common/http/policy.ts enforces it before any input is read and the OpenAPI
// document shows it); the web tier reads the same table to hide what a person could not do. Pure.
import type { Role } from "./access-api";
import { isTesseraIdentity, type ServiceIdentity } from "./identities";
import { can, type Permission } from "./permissions";

/** Tessera's own identities by name; "components" for every other identity the internal CA issued. */
export type CallerKind = ServiceIdentity | "components";
/** The admitted callers; "any" for every identity of the internal CA. */
export type Callers = readonly CallerKind[] | "any";

export type RoutePolicy =
  | { callers: Callers; bearer?: undefined; permission?: undefined }
  /** The bearer is what the route acts on (sign-out ends whatever session it names), not checked first. */
  | { callers: Callers; bearer: "presented"; permission?: undefined }
  /**
   * Acts for a signed-in person: the bearer must be a live session (else 401) whose role carries `permission` (else 403).
   * `stepUp`: a person with a second factor must have verified it in this session within the last few minutes
   * (contracts/assurance-levels.ts), else 403 with reason "step-up-required" — for actions a stolen session must not do;
   * a person with none is refused (403 "second-factor-required"). `stepUp: "once-enrolled"`: the same for a person
   * who has a factor, while one with none goes on (adding the first factor: there is nothing to step up with yet).
   * `duringStepUpDemand`: answers even while the anomaly detector demands a fresh second factor of the session
   * (every other route then answers 403 "step-up-required"): what the person needs to give it. Such a route
   * also answers a session that owes a second factor (below).
   * `addsSecondFactor`: answers a session of a person who must have a second factor (contracts/assurance-levels.ts)
   * but has not given one in it — every other route then answers 403 "second-factor-required": what it takes to add one.
   * Not while the detector demands a step-up: a new factor is no proof that the session is the person's.
   */
  | { callers: Callers; bearer: "session"; permission?: Permission; stepUp?: true | "once-enrolled"; duringStepUpDemand?: true; addsSecondFactor?: true };

/** A policy with the endpoint it belongs to ("POST /v1/licenses"), so a route cannot wear another's. */
export type EndpointPolicy = RoutePolicy & { endpoint: string };

/** Why a request was refused: by the connection guard (the connection's certificate is no longer valid) or by the policy. */
export type RefusalReason = ConnectionRefusalReason | "caller-not-admitted" | "session-required" | "permission-missing" | "step-up-required" | "second-factor-required";
/** The connection guard's reasons: the certificate a live connection was opened with has since been revoked or has expired. */
export type ConnectionRefusalReason = "certificate-revoked" | "certificate-expired";

/** Whether the policy admits a verified certificate identity. */
export function admitsCaller(policy: RoutePolicy, identity: string): boolean {
  if (policy.callers === "any") return true;
  if (isTesseraIdentity(identity)) return policy.callers.includes(identity);
  return policy.callers.includes("components");
}

/** Whether a person of `role` may call the endpoint (true when it needs no permission). */
export function roleMayCall(role: Role, policy: RoutePolicy): boolean {
  return policy.permission === undefined || can(role, policy.permission);
}

/** Whether the endpoint asks for a fresh second factor (the web tier offers the step-up dialog before calling it). */
/** Whether the route answers a session of which a fresh second factor is demanded. */
export function admitsDemandedStepUp(policy: RoutePolicy): boolean {
  return policy.bearer === "session" && policy.duringStepUpDemand === true;
}

/** Whether the route answers a session that owes a second factor: giving one (step-up) or adding one. */
export function admitsOwedSecondFactor(policy: RoutePolicy): boolean {
  return policy.bearer === "session" && (policy.duringStepUpDemand === true || policy.addsSecondFactor === true);
}

/** Whether a person with no second factor goes on at a step-up route (adding the first one), rather than being refused. */
export function stepUpPassesWithoutFactor(policy: RoutePolicy): boolean {
  return policy.bearer === "session" && policy.stepUp === "once-enrolled";
}

export function requiresStepUp(policy: RoutePolicy): boolean {
  return policy.bearer === "session" && policy.stepUp !== undefined;
}

/** Builds a service's policy table: each entry learns its own endpoint key. */
export function policyTable<T extends Record<string, RoutePolicy>>(table: T): { readonly [K in keyof T]: RoutePolicy & { endpoint: K } } {
  const keyed = Object.fromEntries(Object.entries(table).map(([endpoint, policy]) => [endpoint, { ...policy, endpoint }]));
  // Object.fromEntries forgets which key holds which value; each entry holds its own key by construction.
  return keyed as unknown as { readonly [K in keyof T]: RoutePolicy & { endpoint: K } };
}

/** Endpoints every service serves (health, readiness, metrics, its OpenAPI description). */
export const metaPolicies = policyTable({
  "GET /healthz": { callers: "any" },
  "GET /readyz": { callers: "any" },
  "GET /metrics": { callers: "any" },
  "GET /openapi.json": { callers: "any" },
});
