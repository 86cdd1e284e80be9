// The names behind the ids of a page of events (their actor, target, tenant and the ids their data carries),
// in one query for the page: people, tenants, licenses (by their component's name), components, tiers,
// tokens, OAuth clients, invitations and scopes. Names
// come from the access database as it is now; an id no longer there keeps the label the event carries.
import type { StoredEvent } from "../../../../contracts/audit-api";
import type { AccessPrisma } from "../../db/prisma";

export type Names = Map<string, string>;
export const nameKey = (kind: string, id: string) => `${kind}:${id}`;

const kinds = ["user", "tenant", "license", "component", "tier", "token", "oauth_client", "invitation", "scope"] as const;
type Kind = (typeof kinds)[number];

/** Ids an event's data carries (`tierId: "tier_…"`), with the kind that names them; `fromTierId` names `fromTier`. */
export const namedDataFields: Readonly<Record<string, Kind>> = {
  tierId: "tier", fromTierId: "tier", toTierId: "tier", componentId: "component", newTokenId: "token", licenseId: "license",
};

/** The event's data with a name beside each id it carries (`fromTier: "Basic"` beside `fromTierId`), for sentences. */
export function withDataNames(data: Record<string, unknown>, names: Names): Record<string, unknown> {
  const named: Record<string, unknown> = { ...data };
  for (const [field, kind] of Object.entries(namedDataFields)) {
    const id = data[field];
    if (typeof id === "string") named[field.slice(0, -2)] = names.get(nameKey(kind, id)) ?? id;
  }
  return named;
}

export async function resolveNames(prisma: AccessPrisma, events: StoredEvent[]): Promise<Names> {
  const ids: Record<Kind, Set<string>> = Object.fromEntries(kinds.map((k) => [k, new Set<string>()])) as Record<Kind, Set<string>>;
  for (const e of events) {
    if (e.actor.type === "user" && e.actor.id) ids.user.add(e.actor.id);
    if (e.tenantId) ids.tenant.add(e.tenantId);
    const type = e.target?.type;
    if (type && (kinds as readonly string[]).includes(type)) ids[type as Kind].add(e.target!.id);
    for (const [field, kind] of Object.entries(namedDataFields)) {
      const id = e.data[field];
      if (typeof id === "string") ids[kind].add(id);
    }
  }
  const names: Names = new Map();
  if (kinds.every((k) => ids[k].size === 0)) return names;
  const list = (k: Kind) => [...ids[k]];
  const rows = await prisma.$queryRaw<{ kind: string; id: string; name: string }[]>`
    SELECT 'user' AS kind, id, name FROM users WHERE id = ANY(${list("user")}::text[])
    UNION ALL SELECT 'tenant', id, name FROM tenants WHERE id = ANY(${list("tenant")}::text[])
    UNION ALL SELECT 'license', l.id, c.name FROM licenses l JOIN components c ON c.id = l.component_id WHERE l.id = ANY(${list("license")}::text[])
    UNION ALL SELECT 'component', id, name FROM components WHERE id = ANY(${list("component")}::text[])
    UNION ALL SELECT 'tier', id, name FROM service_tiers WHERE id = ANY(${list("tier")}::text[])
    UNION ALL SELECT 'token', id, name FROM tokens WHERE id = ANY(${list("token")}::text[])
    UNION ALL SELECT 'oauth_client', id, name FROM oauth_clients WHERE id = ANY(${list("oauth_client")}::text[])
    UNION ALL SELECT 'invitation', id, email FROM invitations WHERE id = ANY(${list("invitation")}::text[])
    UNION ALL SELECT 'scope', id, key FROM scopes WHERE id = ANY(${list("scope")}::text[])`;
  for (const row of rows) names.set(nameKey(row.kind, row.id), row.name);
  return names;
}
