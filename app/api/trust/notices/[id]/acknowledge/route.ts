// The person's district acknowledges a notice of material change.
import { acknowledgeNoticeResponse, noticeIdParams } from "@/contracts/trust-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, noticeIdParams);
  return accessRequest("POST", `/v1/trust/notices/${seg(id)}/acknowledge`, { bearer, schema: acknowledgeNoticeResponse });
});
