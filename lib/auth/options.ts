import "server-only";
// next-auth v4 options: a credentials provider that signs in at the access service over mTLS.
// The JWT (an encrypted cookie) carries the access-service session token; the browser-facing
// session object carries only name, e-mail and role.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { nulFieldErrors } from "@/contracts/field-messages";
import { signInWithPassword } from "@/lib/server/auth";
import { isAccessProblem } from "@/lib/server/access-problem";
import { safeRedirectUrl } from "./callback-url";
import { endAccessSessionQuietly } from "./end-session";
import { keepDeviceCookie, readDeviceCookie } from "./device-cookie";
import { signInErrorCode } from "./sign-in-errors";
import { webLog } from "@/lib/server/log";

/** Upper bound for the cookie; the access service's absolute timeout is enforced on every request via /v1/me. */
const maxCookieAgeSeconds = 12 * 60 * 60;

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
      },
      async authorize(credentials) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password || email.length > 254 || password.length > 1024 || Object.keys(nulFieldErrors({ email, password })).length) {
          throw new Error(signInErrorCode.invalid);
        }
        try {
          const s = await signInWithPassword(email, password, await readDeviceCookie());
          await keepDeviceCookie(s.deviceCookie);
          return {
            id: s.user.id,
            name: s.user.name,
            email: s.user.email,
            role: s.user.role,
            sessionToken: s.sessionToken,
            expiresAt: s.expiresAt,
            idleExpiresAt: s.idleExpiresAt,
          };
        } catch (error) {
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
