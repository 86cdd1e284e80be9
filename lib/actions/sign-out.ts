"use server";
// Sign-out: ends the session at the access service with its bearer, then clears the next-auth cookie.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { endAccessSession } from "@/lib/server/auth";
import { getSessionBearer, sessionCookiePrefixes } from "@/lib/server/session";

export async function signOutAction(): Promise<void> {
  const bearer = await getSessionBearer();
  if (bearer) {
    try {
      await endAccessSession(bearer);
    } catch (error) {
      // The cookie is cleared anyway; the access session then ends at its idle timeout.
      console.error(JSON.stringify({ level: "warn", msg: "access sign-out failed", err: String(error) }));
    }
  }
  const jar = await cookies();
  for (const c of jar.getAll()) {
    if (sessionCookiePrefixes.some((p) => c.name.startsWith(p))) jar.delete(c.name);
  }
  redirect("/sign-in?signed-out=1");
}
