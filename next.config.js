// Next.js configuration for the web tier (public host).

// The same list proxy.ts sets on pages (via lib/security/headers.ts); here it covers static assets too.
import { staticSecurityHeaders } from "./lib/security/static-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // undici talks mTLS to the access service; keep it a plain Node dependency rather than bundling it.
  // pino and the ECS formatter: one logger instance with the web tier's own server (observability/logger.mjs).
  serverExternalPackages: ["undici", "pino", "@elastic/ecs-pino-format", "@opentelemetry/api"],
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders }];
  },
};

export default nextConfig;
