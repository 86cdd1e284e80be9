// Revokes one OAuth client of a license and every token it obtained, leaving the license alone.
import { oauthClientIdParams } from "@/contracts/oauth-api";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { revokeOAuthClient } from "@/lib/server/oauth-clients";

export const POST = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, oauthClientIdParams);
  return revokeOAuthClient(bearer, id);
});
