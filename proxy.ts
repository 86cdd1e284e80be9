// Edge of the web tier: request id, nonce CSP and security headers on every page, plus an optimistic
// redirect to /sign-in when there is no session cookie at all. Sessions are verified in the console
// layout against the access service, never here.
import { NextResponse, type NextRequest } from "next/server";
import { buildContentSecurityPolicy, staticSecurityHeaders } from "@/lib/security/headers";

const publicPaths = [/^\/sign-in(\/|$)/, /^\/setup(\/|$)/, /^\/invitations(\/|$)/, /^\/session-ended$/, /^\/healthz$/, /^\/readyz$/, /^\/api\//];
const sessionCookieNames = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = buildContentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:",
  });
  const incomingId = request.headers.get("x-request-id");
  const requestId = incomingId && /^[A-Za-z0-9._:-]{1,128}$/.test(incomingId) ? incomingId : crypto.randomUUID();

  const { pathname, search } = request.nextUrl;
  const hasSessionCookie = request.cookies.getAll().some((c) => sessionCookieNames.some((n) => c.name.startsWith(n)));
  let response: NextResponse;
  if (!hasSessionCookie && !publicPaths.some((p) => p.test(pathname))) {
    const target = new URL("/sign-in", request.url);
    if (pathname !== "/") target.searchParams.set("callbackUrl", `${pathname}${search}`);
    response = NextResponse.redirect(target);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-request-id", requestId);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("x-request-id", requestId);
  for (const { key, value } of staticSecurityHeaders) response.headers.set(key, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
