// The Security page's inventory of keys and certificates (platform administrators): metadata only, never key material.
import { securityInventoryResponse } from "@/contracts/security-inventory-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessRequest("GET", "/v1/security/inventory", { bearer, schema: securityInventoryResponse }));
