import "server-only";
// Reads the encrypted next-auth cookie on the server: the access-service bearer never leaves it.
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { getMe, type SecondFactorOwed, type SignedInUser } from "./auth";
import { isAccessProblem } from "./access-problem";

export const sessionCookiePrefixes = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** The access-service session token from the next-auth JWT, or null when signed out / past the absolute expiry. */
export async function getSessionBearer(): Promise<string | null> {
  const jar = await cookies();
  const token = await getToken({
    // getToken only reads `cookies` (and an Authorization header, which we deliberately do not pass).
    req: { cookies: jar, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
  });
  if (!token || typeof token.sessionToken !== "string") return null;
  if (typeof token.expiresAt === "string" && Date.parse(token.expiresAt) <= Date.now()) return null;
  return token.sessionToken;
}

export type CurrentUser =
  /** `secondFactorOwed`: the person must have a second factor and has given none in this session (the console asks them to add one first). */
  | { status: "signed-in"; user: SignedInUser; sessionToken: string; secondFactorOwed: SecondFactorOwed }
  | { status: "signed-out" }
  | { status: "unavailable" };

/** Verifies the session with the access service once per request (sign-out and timeouts end it there). */
export const getCurrentUser = cache(async (): Promise<CurrentUser> => {
  const sessionToken = await getSessionBearer();
  if (!sessionToken) return { status: "signed-out" };
  try {
    const { user, secondFactorOwed } = await getMe(sessionToken);
    return { status: "signed-in", user, sessionToken, secondFactorOwed };
  } catch (error) {
    if (isAccessProblem(error) && (error.status === 401 || error.status === 403)) return { status: "signed-out" };
    if (isAccessProblem(error)) return { status: "unavailable" };
    throw error;
  }
});

/** For pages inside the console: a signed-in user, or a redirect that also clears a stale cookie. */
export async function requireUser(): Promise<Exclude<CurrentUser, { status: "signed-out" }>> {
  const current = await getCurrentUser();
  if (current.status === "signed-out") redirect("/session-ended");
  return current;
}
