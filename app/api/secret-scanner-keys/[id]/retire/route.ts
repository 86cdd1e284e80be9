// Retires a secret scanner's key: its reports are refused from now on.
import { secretScannerKeyParams, secretScannerKeyResponse } from "@/contracts/token-leak-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, secretScannerKeyParams);
  return accessRequest("POST", `/v1/secret-scanner-keys/${seg(id)}/retire`, { bearer, schema: secretScannerKeyResponse });
});
