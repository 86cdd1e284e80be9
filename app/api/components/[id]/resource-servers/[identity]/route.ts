// Removes a resource server from a component.
import { resourceServerParams } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const DELETE = apiRoute<{ id: string; identity: string }>(async ({ bearer, params }) => {
  const { id, identity } = readParams(params, resourceServerParams);
  await accessRequest("DELETE", `/v1/components/${seg(id)}/resource-servers/${seg(identity)}`, { bearer });
});
