// The Security page's inventory of keys and certificates (issue 11 §3): read-only metadata, never key
// material. Its policy (contracts/access-policies.ts) admits platform administrators only.
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { securityInventoryResponse } from "../../../contracts/security-inventory-api";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { getSecurityInventory, type InventorySources } from "../domain/key-inventory/get-security-inventory";

export function securityInventoryRoutes(app: FastifyInstance, ctx: AccessContext, sources: InventorySources): void {
  // GET /v1/security/inventory — keys by purpose with their TTLs, storage versions' use, certificates and live peers.
  app.get(
    "/v1/security/inventory",
    routeOptions(policies["GET /v1/security/inventory"], {
      tags: ["security"],
      summary: "Keys by purpose (algorithm, version, age, TTL, overdue), what each storage key version protects, the CA's certificates and the peers connected now. Metadata only.",
      response: securityInventoryResponse,
    }),
    async () => getSecurityInventory(ctx, sources),
  );
}
