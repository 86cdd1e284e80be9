// Ends one of the signed-in person's own sessions (another browser or device), as signing out there would.
import { ownSessionParams } from "@/contracts/access-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, ownSessionParams);
  await accessRequest("POST", `/v1/me/sessions/${seg(id)}/revoke`, { bearer });
});
