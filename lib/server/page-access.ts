import "server-only";
// For console pages: the viewer's role, or "not found" when their role may not call the endpoint the page
// is built on (contracts/access-policies.ts). The access service enforces that policy anyway; this only
// spares people pages they cannot use.
import { notFound } from "next/navigation";
import type { Role } from "@/contracts/access-api";
import { accessPolicies, type AccessEndpoint } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";
import { requireUser } from "./session";

/** The role of the signed-in person; null when the access service is unavailable (the layout explains). */
export async function requirePageAccess(endpoint: AccessEndpoint): Promise<Role | null> {
  const current = await requireUser();
  if (current.status !== "signed-in") return null;
  if (!roleMayCall(current.user.role, accessPolicies[endpoint])) notFound();
  return current.user.role;
}
