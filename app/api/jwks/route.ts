// The access service's public signing keys (its GET /.well-known/jwks.json) on the public host, without
// sign-in: what a district verifies a certificate of destruction (or an offline license certificate) against.
import { z } from "zod";
import { accessRequest } from "@/lib/server/access-client";
import { anonymousApiRoute } from "@/lib/server/api-route";

const jwks = z.object({ keys: z.array(z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string(), kid: z.string(), alg: z.literal("EdDSA"), use: z.literal("sig") })) });

export const GET = anonymousApiRoute(async () => {
  const body = await accessRequest("GET", "/.well-known/jwks.json", { schema: jwks });
  return new Response(JSON.stringify(body), { headers: { "content-type": "application/jwk-set+json", "cache-control": "public, max-age=300" } });
});
