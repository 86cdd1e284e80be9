// Publishes a new version of a trust document (platform administrators).
import { publishDocumentRequest, publishDocumentResponse } from "@/contracts/trust-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const POST = apiRoute(
  async ({ request, bearer }) => {
    const body = await readJson(request, publishDocumentRequest);
    return accessRequest("POST", "/v1/trust/documents", { bearer, body, schema: publishDocumentResponse });
  },
  { status: 201 },
);
