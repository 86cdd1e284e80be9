import "server-only";
// The pending sign-in (password right, second factor to come) between the two steps of the sign-in form:
// its token stays in an HttpOnly cookie for its few minutes, never in the page or a URL, and is dropped
// once used.
import { cookies } from "next/headers";
import { assurancePolicy } from "@/contracts/assurance-levels";

const secure = () => (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
const cookieName = () => (secure() ? "__Host-tessera-pending-sign-in" : "tessera-pending-sign-in");

export async function readPendingSignIn(): Promise<string | undefined> {
  const value = (await cookies()).get(cookieName())?.value;
  return value && value.length <= 100 ? value : undefined;
}

export async function keepPendingSignIn(token: string): Promise<void> {
  (await cookies()).set(cookieName(), token, { httpOnly: true, secure: secure(), sameSite: "strict", path: "/", maxAge: assurancePolicy.pendingSignInMinutes * 60 });
}

export async function dropPendingSignIn(): Promise<void> {
  (await cookies()).delete(cookieName());
}
