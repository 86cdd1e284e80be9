// Rotates a token: a new secret (shown once), the old token kept alive for the chosen grace period.
import { createTokenResponse, rotateTokenRequest, tokenIdParams } from "@/contracts/token-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(
  async ({ request, bearer, params }) => {
    const { id } = readParams(params, tokenIdParams);
    const body = await readJson(request, rotateTokenRequest);
    return accessRequest("POST", `/v1/tokens/${seg(id)}/rotate`, { bearer, body, schema: createTokenResponse });
  },
  { status: 201 },
);
