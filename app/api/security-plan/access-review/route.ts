// A platform administrator signs off the access review.
import { signOffReviewRequest, signOffReviewResponse } from "@/contracts/security-plan";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const POST = apiRoute(
  async ({ request, bearer }) => {
    const body = await readJson(request, signOffReviewRequest);
    return accessRequest("POST", "/v1/security-plan/access-review", { bearer, body, schema: signOffReviewResponse });
  },
  { status: 201 },
);
