// Edge of the web tier: request id, nonce CSP and security headers on every page, plus an optimistic
// redirect to /sign-in when there is no session cookie at all; and, before any page or route runs, a 400
// for an address no route can decode (a malformed percent-escape) and a 405 for a method none takes. Sessions are verified in the console layout
// against the access service, never here.
import { NextResponse, type NextRequest } from "next/server";
import { problemContentType, problemTitle, type Problem } from "@/contracts/problem";
import { buildContentSecurityPolicy, staticSecurityHeaders } from "@/lib/security/headers";

/** Reachable without a session: the public pages, the sign-in flows, probes, /api (its routes authenticate), and public/'s files. */
export const publicPaths = [/^\/(robots\.txt|favicon\.ico|icon\.svg|apple-touch-icon\.png)$/, /^\/trust$/, /^\/\.well-known\/(security\.txt|jwks\.json)$/, /^\/sign-in(\/|$)/, /^\/setup(\/|$)/, /^\/invitations(\/|$)/, /^\/session-ended$/, /^\/healthz$/, /^\/readyz$/, /^\/api\//];
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
  const undecodable = !isDecodable(pathname);
  const hasSessionCookie = request.cookies.getAll().some((c) => sessionCookieNames.some((n) => c.name.startsWith(n)));
  let response: NextResponse;
  if (!allowedMethods(pathname).includes(request.method)) {
    response = refusalResponse(pathname, requestId, 405, "method-not-allowed", `This address does not take ${request.method.slice(0, 20)} requests.`, { allow: allowedMethods(pathname).join(", ") });
  } else if (undecodable) {
    response = refusalResponse(pathname, requestId, 400, "malformed-escape", badAddressSentence);
  } else if (!hasSessionCookie && !publicPaths.some((p) => p.test(pathname))) {
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

/** Whether every percent-escape of the path decodes (`/setup/%ZZ` does not; a page would fail on it). */
function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const badAddressSentence = "This address is not valid: a percent-escape in it is malformed.";

/** Pages answer GET (and POST for server actions); the /api routes the methods their handlers export. */
function allowedMethods(pathname: string): readonly string[] {
  return pathname.startsWith("/api/") ? ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] : ["GET", "HEAD", "POST"];
}

/** A refusal before routing: a problem document under /api, a short page elsewhere (its words are ours, no input echoed). */
function refusalResponse(pathname: string, requestId: string, status: 400 | 405, reason: string, sentence: string, extraHeaders: Record<string, string> = {}): NextResponse {
  const headers = { "cache-control": "no-store", "x-request-id": requestId, ...extraHeaders };
  if (pathname.startsWith("/api/")) {
    const body: Problem = { type: "urn:tessera:problem:bad-request", title: problemTitle(status), status, code: "bad-request", detail: sentence, reason, requestId };
    return new NextResponse(JSON.stringify(body), { status, headers: { ...headers, "content-type": problemContentType } });
  }
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${problemTitle(status)} · Tessera</title></head><body><main><h1>${problemTitle(status)}</h1><p>${escapeHtml(sentence)} Check the link, or <a href="/">go to the dashboard</a>.</p></main></body></html>`;
  return new NextResponse(page, { status, headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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
