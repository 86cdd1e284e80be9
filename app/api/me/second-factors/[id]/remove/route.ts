// Removes one of the person's authenticators, with their password or a current code.
import { factorParams, removeFactorRequest } from "@/contracts/mfa-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, factorParams);
  const body = await readJson(request, removeFactorRequest);
  await accessRequest("POST", `/v1/me/second-factors/${seg(id)}/remove`, { bearer, body });
});
