import "server-only";
// Ends the signed-in session everywhere it lives: at the access service (so the bearer is refused from
// then on) and in this browser (the next-auth cookie). Every way of signing out goes through here or,
// for next-auth's own sign-out route, through endAccessSessionQuietly (its cookie next-auth clears).
import { cookies } from "next/headers";
import { endAccessSession } from "@/lib/server/auth";
import { getSessionBearer, sessionCookiePrefixes } from "@/lib/server/session";
import { webLog } from "@/lib/server/log";

/** Ends the access session behind `bearer`; a failure is logged, and the session then ends at its idle timeout. */
export async function endAccessSessionQuietly(bearer: unknown): Promise<void> {
  if (typeof bearer !== "string" || !bearer) return;
  try {
    await endAccessSession(bearer);
  } catch (error) {
    webLog().warn({ err: error }, "access sign-out failed");
  }
}

/** Ends this browser's session and clears its cookie; says whether there was a session cookie at all. */
export async function endBrowserSession(): Promise<{ hadSession: boolean }> {
  await endAccessSessionQuietly(await getSessionBearer());
  const jar = await cookies();
  const stale = jar.getAll().filter((c) => sessionCookiePrefixes.some((p) => c.name.startsWith(p)));
  for (const c of stale) jar.delete(c.name);
  return { hadSession: stale.length > 0 };
}
