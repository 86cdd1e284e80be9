// The console's areas: one list drives the navigation, the dashboard and the placeholder pages.
import type { Role } from "@/contracts/access-api";
import { accessPolicies, type AccessEndpoint } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";

/** `endpoint`: the access-service endpoint the area's page lists; the area is shown only to roles its policy admits (its pages answer "not found" otherwise). */
export type Area = { href: string; label: string; summary: string; holds: string[]; endpoint?: AccessEndpoint };

export const areas: Area[] = [
  {
    href: "/tenants",
    endpoint: "GET /v1/tenants",
    label: "Tenants",
    summary: "Customer organisations — companies and school districts.",
    holds: ["each tenant's kind, contacts and status", "the people who administer it", "its licenses at a glance"],
  },
  {
    href: "/tiers",
    endpoint: "GET /v1/tiers",
    label: "Service tiers",
    summary: "Plans that decide which components, scopes and quotas a license may grant.",
    holds: ["the components and scopes each tier allows", "seat, token and request-rate quotas", "which licenses use each tier"],
  },
  {
    href: "/components",
    endpoint: "GET /v1/components",
    label: "Components",
    summary: "The services Tessera licenses and the scopes each one offers.",
    holds: ["each component with its scopes", "adding components and scopes"],
  },
  {
    href: "/licenses",
    endpoint: "GET /v1/licenses",
    label: "Licenses",
    summary: "Each tenant's access to an application on a tier, with its term and status.",
    holds: ["active, suspended, expired and revoked licenses", "terms and renewal dates", "suspend, resume and revoke actions"],
  },
  {
    href: "/tokens",
    endpoint: "GET /v1/tokens",
    label: "Tokens",
    summary: "Scoped credentials that components present to use a license.",
    holds: ["every token you may see, across licenses", "rotating or revoking one token without touching its license", "finding a leaked token and revoking it"],
  },
  {
    href: "/audit",
    label: "Audit log",
    endpoint: "GET /v1/audit/events",
    summary: "Every change, who made it, when and from where.",
    holds: ["a searchable, append-only event history", "actor, action, target, source address and request id", "proof that the log has not been altered"],
  },
  {
    href: "/compliance",
    endpoint: "GET /v1/compliance/districts",
    label: "Compliance",
    summary: "What school districts need to review before and while they partner with you.",
    holds: ["the security plan", "which data is held and why", "who accessed a district's data, with proof"],
  },
  {
    href: "/security",
    label: "Security",
    summary: "Your account and the deployment's keys and certificates.",
    holds: ["your password and active sessions", "key rotation status", "internal certificates and revoked nodes"],
  },
];

export function areasFor(role: Role): Area[] {
  return areas.filter((a) => !a.endpoint || roleMayCall(role, accessPolicies[a.endpoint]));
}

export function getArea(href: string): Area {
  const area = areas.find((a) => a.href === href);
  if (!area) throw new Error(`Unknown console area ${href}`);
  return area;
}
