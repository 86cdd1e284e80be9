// Releases one activation of a license: the seat is free for another machine or person.
import { activationParams, releaseActivationResponse } from "@/contracts/activation-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string; activationId: string }>(async ({ bearer, params }) => {
  const { id, activationId } = readParams(params, activationParams);
  return accessRequest("POST", `/v1/licenses/${seg(id)}/activations/${seg(activationId)}/release`, { bearer, schema: releaseActivationResponse });
});
