import "server-only";
// next-auth v4 options: a credentials provider that signs in at the access service over mTLS.
// The JWT (an encrypted cookie) carries the access-service session token; the browser-facing
// session object carries only name, e-mail and role.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { nulFieldErrors } from "@/contracts/field-messages";
import { completeSignInWithFactor, signInWithPassword, type AccessSession } from "@/lib/server/auth";
import { passkeyAssertion, recoveryCode, totpCode } from "@/contracts/mfa-api";
import { dropPendingSignIn, keepPendingSignIn, readPendingSignIn } from "./pending-sign-in-cookie";
import { isAccessProblem } from "@/lib/server/access-problem";
import { safeRedirectUrl } from "./callback-url";
import { endAccessSessionQuietly } from "./end-session";
import { keepDeviceCookie, readDeviceCookie } from "./device-cookie";
import { signInErrorCode } from "./sign-in-errors";
import { webLog } from "@/lib/server/log";

/** Upper bound for the cookie; the access service's absolute timeout is enforced on every request via /v1/me. */
const maxCookieAgeSeconds = 12 * 60 * 60;

/** Not a failure: the form's cue to ask for the second factor (next-auth carries only a thrown message). */
class SecondStep extends Error {}

async function signedInUser(s: AccessSession) {
  await keepDeviceCookie(s.deviceCookie);
  return { id: s.user.id, name: s.user.name, email: s.user.email, role: s.user.role, sessionToken: s.sessionToken, expiresAt: s.expiresAt, idleExpiresAt: s.idleExpiresAt };
}

/** A passkey's answer, sent by the form as JSON text (next-auth credentials are strings); null when it is not one. */
function parsePasskey(text: string | undefined) {
  if (typeof text !== "string" || text.length > 12_000) return null;
  try {
    const parsed = passkeyAssertion.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function completeSecondStep(credentials: Record<string, string | undefined>) {
  const pendingToken = await readPendingSignIn();
  if (!pendingToken) throw new Error(signInErrorCode.pendingGone);
  const code = totpCode.safeParse(credentials.code ?? undefined);
  const recovery = recoveryCode.safeParse(credentials.recoveryCode ?? undefined);
  const passkey = parsePasskey(credentials.passkey);
  const proof = passkey ? { passkey } : code.success ? { code: code.data } : recovery.success ? { recoveryCode: recovery.data } : null;
  if (!proof) throw new Error(signInErrorCode.wrongFactor);
  try {
    const s = await completeSignInWithFactor(pendingToken, proof, await readDeviceCookie());
    await dropPendingSignIn();
    return signedInUser(s);
  } catch (error) {
    if (isAccessProblem(error)) {
      if (error.status === 401 && error.reason === "pending-sign-in-invalid") {
        await dropPendingSignIn();
        throw new Error(signInErrorCode.pendingGone);
      }
      if (error.status === 401 || error.status === 400 || error.status === 422) throw new Error(signInErrorCode.wrongFactor);
      if (error.status === 429) throw new Error(`${signInErrorCode.throttled}${Math.max(1, error.retryAfterSeconds ?? 60)}`);
    }
    console.error(JSON.stringify({ level: "error", msg: "second sign-in step failed", err: String(error) }));
    throw new Error(signInErrorCode.unavailable);
  }
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: maxCookieAgeSeconds },
  jwt: { maxAge: maxCookieAgeSeconds },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Code", type: "text" },
        recoveryCode: { label: "Recovery code", type: "text" },
        passkey: { label: "Passkey", type: "text" },
      },
      async authorize(credentials) {
        // The second step: the pending sign-in kept in its cookie and a code or a recovery code.
        if (typeof credentials?.code === "string" || typeof credentials?.recoveryCode === "string" || typeof credentials?.passkey === "string") return completeSecondStep(credentials);
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password || email.length > 254 || password.length > 1024 || Object.keys(nulFieldErrors({ email, password })).length) {
          throw new Error(signInErrorCode.invalid);
        }
        try {
          const s = await signInWithPassword(email, password, await readDeviceCookie());
          if ("pendingToken" in s) {
            await keepPendingSignIn(s.pendingToken);
            throw new SecondStep(`${signInErrorCode.secondFactor}${s.factors.join(",")}`);
          }
          return signedInUser(s);
        } catch (error) {
          if (error instanceof SecondStep) throw new Error(error.message);
          // next-auth puts the thrown message into the redirect URL: only fixed codes, never service text.
          if (isAccessProblem(error)) {
            if (error.status === 401 || error.status === 400 || error.status === 422) throw new Error(signInErrorCode.invalid);
            if (error.status === 429) throw new Error(`${signInErrorCode.throttled}${Math.max(1, error.retryAfterSeconds ?? 60)}`);
          }
          webLog().error({ err: error }, "sign-in failed");
          throw new Error(signInErrorCode.unavailable);
        }
      },
    }),
  ],
  events: {
    // next-auth's own sign-out route (POST /api/auth/signout) clears its cookie; this ends the session behind it.
    async signOut({ token }) {
      await endAccessSessionQuietly(token?.sessionToken);
    },
  },
  callbacks: {
    // Every redirect next-auth makes (after sign-in, after its own sign-out) stays on the console.
    async redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.name = user.name;
        token.email = user.email;
        token.role = user.role;
        token.sessionToken = user.sessionToken;
        token.expiresAt = user.expiresAt;
        token.idleExpiresAt = user.idleExpiresAt;
      }
      return token;
    },
    async session({ session, token }) {
      // Only what the browser may see: no session token, no expiries beyond next-auth's own.
      session.user = { name: token.name ?? "", email: token.email ?? "", role: token.role };
      return session;
    },
  },
};
