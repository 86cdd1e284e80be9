import "server-only";
// For console pages: the viewer's role, or "not found" when their role cannot see the area at all.
// The access service enforces every permission anyway; this only spares people pages they cannot use.
import { notFound } from "next/navigation";
import type { Role } from "@/contracts/access-api";
import { can, type Permission } from "@/contracts/permissions";
import { requireUser } from "./session";

/** The role of the signed-in person; null when the access service is unavailable (the layout explains). */
export async function requirePagePermission(permission: Permission): Promise<Role | null> {
  const current = await requireUser();
  if (current.status !== "signed-in") return null;
  if (!can(current.user.role, permission)) notFound();
  return current.user.role;
}
