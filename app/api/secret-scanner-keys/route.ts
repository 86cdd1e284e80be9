// Secret scanners' signing keys (platform administrators): the list, and registering one.
import { listSecretScannerKeysResponse, registerSecretScannerKeyRequest, secretScannerKeyResponse } from "@/contracts/token-leak-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessRequest("GET", "/v1/secret-scanner-keys", { bearer, schema: listSecretScannerKeysResponse }));

export const POST = apiRoute(
  async ({ request, bearer }) => {
    const body = await readJson(request, registerSecretScannerKeyRequest);
    return accessRequest("POST", "/v1/secret-scanner-keys", { bearer, body, schema: secretScannerKeyResponse });
  },
  { status: 201 },
);
