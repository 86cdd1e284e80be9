// Changes the signed-in person's password (the current one re-entered); their other sessions end.
import { changePasswordRequest, changePasswordResponse } from "@/contracts/access-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const POST = apiRoute(async ({ request, bearer }) => {
  const body = await readJson(request, changePasswordRequest);
  return accessRequest("POST", "/v1/me/password", { bearer, body, schema: changePasswordResponse });
});
