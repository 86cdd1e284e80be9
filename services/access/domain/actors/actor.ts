// The signed-in person a request acts for, and the tenant filter every query of theirs carries. Whether
// their role may call an endpoint at all is the route's declared policy (contracts/access-policies.ts),
// checked before the request reaches a rule; rules here decide only what the person may see and touch.
import type { Role } from "../../../../contracts/access-api";
import { AppError } from "../../../common/http/app-error";

export type Actor = { userId: string; email: string; name: string; role: Role; tenantId: string | null };

/**
 * The `where` fragment that confines a query to what the actor may see: nothing extra for platform
 * administrators, their own tenant for everyone else. Put it in every query's where — never
 * "check, then act by id" — so that another tenant's record is simply not found (404).
 */
export function tenantScope(actor: Actor): { tenantId?: string } {
  if (actor.role === "platform_admin") return {};
  if (!actor.tenantId) throw new AppError("forbidden", "Your account belongs to no tenant.");
  return { tenantId: actor.tenantId };
}

/** Audit actor fields for events this person causes. */
export function auditActor(actor: Actor) {
  return { type: "user" as const, id: actor.userId, label: actor.email };
}

/** Audit actor fields for events an internal component causes: its certificate identity names it. */
export function serviceActor(identity: string) {
  return { type: "service" as const, id: identity, label: identity };
}
