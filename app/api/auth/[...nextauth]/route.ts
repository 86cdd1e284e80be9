// next-auth v4 endpoints (CSRF token, credentials callback, session) for the App Router.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
