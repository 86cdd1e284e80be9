// /.well-known/security.txt (RFC 9116), generated from the trust page's security contact; no sign-in.
// Canonical and Policy name the deployment's public URL (NEXTAUTH_URL), not whatever host this server sees.
import { getTrustFacts } from "@/lib/server/trust";
import { buildSecurityTxt } from "@/lib/trust/security-txt";

export async function GET(request: Request): Promise<Response> {
  const facts = await getTrustFacts();
  const headers = { "content-type": "text/plain; charset=utf-8" };
  if (!facts) return new Response("The security contact cannot be read right now; try again in a moment.\n", { status: 503, headers: { ...headers, "cache-control": "no-store" } });
  const publicUrl = process.env.NEXTAUTH_URL || new URL(request.url).origin;
  return new Response(buildSecurityTxt(facts, publicUrl, new Date()), { headers: { ...headers, "cache-control": "public, max-age=3600" } });
}
