// A tenant's lifecycle for platform administrators: suspend with all its licenses, reinstate them
// together, and close a district through the deletion flow (an all-data disposition request).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { closeTenantRequest, tenantActionResponse, tenantIdParams } from "../../../contracts/tenant-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { closeTenant } from "../domain/tenants/close-tenant";
import { reinstateTenant } from "../domain/tenants/reinstate-tenant";
import { suspendTenant } from "../domain/tenants/suspend-tenant";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";

const doc = { tags: ["tenants"] } as const;
const notFound = "No such record, or one of another tenant.";

export function tenantLifecycleRoutes(app: FastifyInstance, ctx: AccessContext) {
  // POST /v1/tenants/:id/suspend — suspends the tenant and every active license of it.
  app.post(
    "/v1/tenants/:id/suspend",
    routeOptions(policies["POST /v1/tenants/:id/suspend"], { ...doc, summary: "Suspend a tenant with all its active licenses (reinstated together).", params: tenantIdParams, response: tenantActionResponse, problems: { 404: notFound, 409: "already-suspended or tenant-closed." } }),
    async (request) => suspendTenant(ctx, actorOf(request), parseInput(tenantIdParams, request.params).id, requestMeta(request)),
  );

  // POST /v1/tenants/:id/reinstate — reinstates the tenant and exactly the licenses its suspension suspended.
  app.post(
    "/v1/tenants/:id/reinstate",
    routeOptions(policies["POST /v1/tenants/:id/reinstate"], { ...doc, summary: "Reinstate a suspended tenant and the licenses its suspension suspended (not those suspended before); those their tier's rules now block stay suspended, listed in `blocked`.", params: tenantIdParams, response: tenantActionResponse, problems: { 404: notFound, 409: "not-suspended or tenant-closed." } }),
    async (request) => reinstateTenant(ctx, actorOf(request), parseInput(tenantIdParams, request.params).id, requestMeta(request)),
  );

  // POST /v1/tenants/:id/close — files the district's all-data disposition request; closed when it completes.
  app.post(
    "/v1/tenants/:id/close",
    routeOptions(policies["POST /v1/tenants/:id/close"], { ...doc, summary: "Close a district: files an all-data disposition request; the tenant is closed when it completes.", params: tenantIdParams, body: closeTenantRequest, response: tenantActionResponse, problems: { 404: notFound, 409: "not-a-district or tenant-closed.", 422: "confirmSlug is not the tenant's short name." } }),
    async (request) => {
      const { id } = parseInput(tenantIdParams, request.params);
      return closeTenant(ctx, actorOf(request), id, parseInput(closeTenantRequest, request.body), requestMeta(request));
    },
  );
}
