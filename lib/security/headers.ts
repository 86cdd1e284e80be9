// Security headers for every response: the static set (shared with next.config.js, which also covers
// static assets) and the per-request nonce Content-Security-Policy built by proxy.ts. No I/O, no secrets.

export { staticSecurityHeaders } from "./static-headers.mjs";

export function buildContentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonce'd Next.js runtime load its chunks; React needs eval only in dev.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Dev mode injects styles without a nonce (hot reload), so inline styles are allowed only there.
    `style-src 'self' ${options.dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
