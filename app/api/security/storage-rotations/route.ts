// Storage key rotation for the Security page (platform administrators): the keyring's state and the latest
// rewrap jobs (polled while one runs), and starting one with the typed confirmation word.
import { rewrapJobDto, rotationsResponse, startRotationBody } from "@/contracts/storage-rotation-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessRequest("GET", "/v1/security/storage-rotations", { bearer, schema: rotationsResponse }));

export const POST = apiRoute(
  async ({ request, bearer }) => {
    const body = await readJson(request, startRotationBody);
    return accessRequest("POST", "/v1/security/storage-rotations", { bearer, body, schema: rewrapJobDto });
  },
  { status: 202 },
);
