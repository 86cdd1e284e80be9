// The access service's endpoints and who may call each: the one declaration its routes carry in their
// options, its hook enforces before reading input, its OpenAPI document shows (x-callers, x-permission),
// its tests are generated from, and the web tier reads to hide what a person could not do.
import type { Permission } from "./permissions";
import { policyTable, type RoutePolicy } from "./route-policy";

/** The web tier acting for a signed-in person whose role carries `permission`. */
const person = (permission?: Permission): RoutePolicy => ({ callers: ["web"], bearer: "session", permission });
/** The person's own session and factors, answered even while the detector demands a step-up of the session: what it takes to give one. */
const personGivingStepUp: RoutePolicy = { callers: ["web"], bearer: "session", duringStepUpDemand: true };
/**
 * Adding a second factor: answered before a person who must have one has any (never during a detector's step-up
 * demand); a person who has one gives it first (a stolen session must not add a factor of its own).
 */
const personAddingSecondFactor: RoutePolicy = { callers: ["web"], bearer: "session", addsSecondFactor: true, stepUp: "once-enrolled" };
/** The web tier before anyone is signed in (setup, sign-in, invitations). */
const webOnly: RoutePolicy = { callers: ["web"] };
/** A person's action that a stolen session must not do alone: a fresh second factor (route-policy.ts `stepUp`). */
const stepUp = (permission?: Permission): RoutePolicy => ({ callers: ["web"], bearer: "session", permission, stepUp: true });
/** Internal components (never Tessera's own identities): validation, introspection, OAuth. */
const components: RoutePolicy = { callers: ["components"] };

export const accessPolicies = policyTable({
  // setup: the operator's launcher asks whether to print a setup link
  "GET /v1/setup/status": { callers: ["web", "operator"] },
  "GET /v1/setup/links/:token": webOnly,
  "POST /v1/setup": webOnly,
  // sign-in and the person's own sessions
  "POST /v1/auth/sign-in": webOnly,
  "GET /v1/me": personGivingStepUp,
  "POST /v1/auth/sign-out": { callers: ["web"], bearer: "presented" },
  "GET /v1/me/sessions": person(),
  // the dashboard's figures, over what the person may see
  "GET /v1/dashboard": person("licenses.read"),
  "POST /v1/me/sessions/revoke-others": person(),
  "POST /v1/me/sessions/:id/revoke": person(),
  "POST /v1/me/password": person(),
  // second factors (mfa-routes.ts): the second step of sign-in, the person's own factors, step-up
  "POST /v1/auth/second-factor": webOnly,
  "POST /v1/auth/second-factor/passkey-options": webOnly,
  "GET /v1/me/second-factors": personGivingStepUp,
  "POST /v1/me/second-factors/totp": personAddingSecondFactor,
  "POST /v1/me/second-factors/passkey/options": personAddingSecondFactor,
  "POST /v1/me/second-factors/passkey": personAddingSecondFactor,
  "POST /v1/me/second-factors/:id/confirm": personAddingSecondFactor,
  "POST /v1/me/second-factors/:id/remove": person(),
  "POST /v1/me/recovery-codes": stepUp(),
  "POST /v1/me/step-up": personGivingStepUp,
  "POST /v1/me/step-up/passkey-options": personGivingStepUp,
  // recovery after a lost factor: an administrator who may manage the person approves a reset
  "POST /v1/users/:userId/second-factors/reset": stepUp("members.write"),
  // the operator's tools
  "POST /v1/operator/events": { callers: ["operator"] },
  // tenants, members, invitations
  "GET /v1/tenants": person("tenants.read"),
  "GET /v1/tenants/export": person("tenants.read"),
  "POST /v1/tenants": person("tenants.write"),
  "GET /v1/tenants/:id": person("tenants.read"),
  "PATCH /v1/tenants/:id": person("tenants.write"),
  "PUT /v1/tenants/:id/second-factor-requirement": stepUp("sign_in_policy.write"),
  "POST /v1/tenants/:id/suspend": person("tenants.write"),
  "POST /v1/tenants/:id/reinstate": person("tenants.write"),
  "POST /v1/tenants/:id/close": person("tenants.write"),
  "GET /v1/tenants/:id/members": person("members.read"),
  "DELETE /v1/tenants/:id/members/:userId": person("members.write"),
  "POST /v1/tenants/:id/invitations": person("members.write"),
  "GET /v1/tenants/:id/invitations": person("members.read"),
  "DELETE /v1/tenants/:id/invitations/:invitationId": person("members.write"),
  "GET /v1/invitations/:token": webOnly,
  "POST /v1/invitations/:token/accept": webOnly,
  // the catalogue
  "GET /v1/components": person("catalog.read"),
  "POST /v1/components": person("catalog.write"),
  "GET /v1/components/:id": person("catalog.read"),
  "POST /v1/components/:id/scopes": person("catalog.write"),
  "PATCH /v1/components/:id": person("catalog.write"),
  "POST /v1/components/:id/retire": person("catalog.write"),
  "PATCH /v1/scopes/:id": person("catalog.write"),
  "POST /v1/scopes/:id/retire": person("catalog.write"),
  "GET /v1/components/:id/resource-servers": person("catalog.read"),
  "POST /v1/components/:id/resource-servers": person("catalog.write"),
  "DELETE /v1/components/:id/resource-servers/:identity": person("catalog.write"),
  // service tiers
  "GET /v1/tiers": person("tiers.read"),
  "GET /v1/tiers/:id": person("tiers.read"),
  "POST /v1/tiers": person("tiers.write"),
  "PATCH /v1/tiers/:id": person("tiers.write"),
  "POST /v1/tiers/:id/preview": person("tiers.write"),
  // licenses
  "GET /v1/licenses": person("licenses.read"),
  "GET /v1/licenses/export": person("licenses.read"),
  "POST /v1/licenses": person("licenses.write"),
  "POST /v1/licenses/validate": components,
  "GET /v1/licenses/:id": person("licenses.read"),
  "POST /v1/licenses/:id/suspend": person("licenses.write"),
  "POST /v1/licenses/:id/reinstate": person("licenses.write"),
  "POST /v1/licenses/:id/revoke": person("licenses.write"),
  "POST /v1/licenses/:id/renew": person("licenses.write"),
  "POST /v1/licenses/:id/change-tier": person("licenses.write"),
  "GET /v1/licenses/:id/tier-change-preview": person("licenses.write"),
  "PUT /v1/licenses/:id/request-quota": person("licenses.write"),
  "POST /v1/licenses/:id/reveal-key": stepUp("license_keys.read"),
  "GET /v1/licenses/:id/timeline": person("licenses.read"),
  // seats as activations (activation-routes.ts): components take, keep and give back seats; people see and release them
  "POST /v1/activations": components,
  "POST /v1/activations/heartbeat": components,
  "POST /v1/activations/release": components,
  "GET /v1/licenses/:id/activations": person("licenses.read"),
  "POST /v1/licenses/:id/activations/:activationId/release": person("activations.write"),
  // offline certificates: the JWKS for every identity (components verify certificates offline)
  "GET /.well-known/jwks.json": { callers: "any" },
  "GET /v1/licenses/:id/certificate": person("licenses.read"),
  // tokens
  "GET /v1/licenses/:id/tokens": person("tokens.read"),
  "GET /v1/licenses/:id/tokens/export": person("tokens.read"),
  "POST /v1/licenses/:id/tokens": person("tokens.write"),
  "POST /v1/licenses/:id/tokens/revoke-all": stepUp("tokens.write"),
  "GET /v1/tokens/:id": person("tokens.read"),
  "POST /v1/tokens/:id/rotate": person("tokens.write"),
  "POST /v1/tokens/:id/revoke": person("tokens.write"),
  "GET /v1/tokens/:id/usage": person("tokens.read"),
  "GET /v1/licenses/:id/token-usage": person("tokens.read"),
  // every token the person may see, and leaked tokens (token-leak-routes.ts)
  "GET /v1/tokens": person("tokens.read"),
  "GET /v1/tokens/export": person("tokens.read"),
  "POST /v1/tokens/lookup": person("token_leaks.write"),
  "GET /v1/secret-scanner-keys": person("token_leaks.write"),
  "POST /v1/secret-scanner-keys": person("token_leaks.write"),
  "POST /v1/secret-scanner-keys/:id/retire": person("token_leaks.write"),
  // a secret scanner's signed report, forwarded by the web tier from the public host (no session: the signature is checked)
  "POST /v1/token-leaks": webOnly,
  // OAuth 2.0 for components
  "GET /.well-known/oauth-authorization-server": components,
  "POST /oauth/token": components,
  "POST /oauth/introspect": components,
  "POST /oauth/revoke": components,
  // OAuth clients of a license
  "GET /v1/licenses/:id/oauth-clients": person("oauth_clients.read"),
  "POST /v1/licenses/:id/oauth-clients": person("oauth_clients.write"),
  "POST /v1/oauth-clients/:id/revoke": person("oauth_clients.write"),
  // — the audit log in the console (services/access/routes/audit-log-routes.ts) —
  "GET /v1/audit/events": person("audit.read"),
  "GET /v1/audit/export": person("audit.read"),
  "GET /v1/audit/chain-status": person("audit.read"),
  // A verification reads every tenant's events: platform administrators, who keep the security plan.
  "POST /v1/audit/chain/verify": person("security_plan.write"),

  // — the public trust page and its facts (trust-routes.ts) —
  "GET /v1/trust": webOnly, // the public page: no session, no customer data
  "POST /v1/components/:id/inventory": person("trust.write"),
  "POST /v1/trust/documents": person("trust.write"),
  "GET /v1/trust/notices": person("compliance.read"),
  "POST /v1/trust/notices/:id/acknowledge": person("compliance.write"),

  // — the security plan and its self-checks (security-plan-routes.ts) —
  "GET /v1/security-plan": person("compliance.read"),
  "GET /v1/security-plan/pdf": person("compliance.read"),
  "POST /v1/security-plan/checks/:checkId/run": person("security_plan.write"),
  "POST /v1/security-plan/access-review": person("security_plan.write"),
  // — keys and certificates on the Security page (security-inventory-routes.ts) —
  "GET /v1/security/inventory": person("security_inventory.read"),
  // — storage key rotation from the Security page (storage-rotation-routes.ts); step-up to be added to the start —
  "GET /v1/security/storage-rotations": person("storage_keys.rotate"),
  "POST /v1/security/storage-rotations": stepUp("storage_keys.rotate"),

  // — the record of disclosures (disclosure-routes.ts) —
  "POST /v1/disclosures": components,
  "GET /v1/disclosures": person("compliance.read"),
  "GET /v1/disclosures/activity": person("compliance.read"),
  "GET /v1/disclosures/export": stepUp("compliance.read"),

  // — disposition of a district's data (disposition-routes.ts) —
  "GET /v1/dispositions": person("compliance.read"),
  "POST /v1/dispositions": person("compliance.write"),
  "GET /v1/dispositions/:id": person("compliance.read"),
  "GET /v1/dispositions/:id/certificate": person("compliance.read"),
  "GET /v1/dispositions/:id/certificate/pdf": person("compliance.read"),
  "GET /v1/disposition-options": person("compliance.write"),
  // components over mTLS: what they have to delete, and their acknowledgement that they have (only for a component they serve)
  "GET /v1/component-dispositions": components,
  "POST /v1/dispositions/:id/acknowledgements": components,

  // — incidents, breach notices and the district's overview (incident-routes.ts) —
  "GET /v1/tenants/:id/agreement": person("tenants.read"),
  "PUT /v1/tenants/:id/agreement": person("tenants.write"),
  "GET /v1/compliance/districts": person("compliance.read"),
  "GET /v1/compliance/districts/:id": person("compliance.read"),
  "GET /v1/incidents": person("compliance.read"),
  "POST /v1/incidents": person("incidents.write"),
  "GET /v1/incidents/:id": person("compliance.read"),
  "PATCH /v1/incidents/:id": person("incidents.write"),
  "POST /v1/incidents/:id/districts": person("incidents.write"),
  "PUT /v1/incidents/:id/districts/:tenantId/notice": person("incidents.write"),
  "POST /v1/incidents/:id/districts/:tenantId/delivery": person("incidents.write"),
  "GET /v1/incidents/:id/districts/:tenantId/notice-pdf": person("compliance.read"),

  // — the anomaly detector's alerts and responses (security-alert-routes.ts) —
  "GET /v1/security/alerts": person("security_alerts.read"),
  "GET /v1/security/alerts/:id": person("security_alerts.read"),
  "POST /v1/security/alerts/:id/responses": person("security_alerts.write"),
  "POST /v1/security/alerts/:id/responses/:responseId/reverse": person("security_alerts.write"),
  "POST /v1/security/alerts/:id/decision": person("security_alerts.write"),
  "GET /v1/security/detector-settings": person("security_alerts.read"),
  "PUT /v1/security/detector-settings": person("detector_settings.write"),

});
export type AccessEndpoint = keyof typeof accessPolicies;
