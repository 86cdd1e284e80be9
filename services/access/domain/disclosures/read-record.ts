// A tenant's record of disclosures as a person reads it: the tenant is the person's own (a platform admin
// names one), the lines and the chart come from the audit service's index of disclosure events. Another
// tenant's record answers exactly as a tenant that does not exist.
import {
  disclosureActivityResponse,
  listDisclosuresResponse,
  type DisclosureActivityResponse,
  type DisclosureFilters,
  type ListDisclosuresQuery,
  type ListDisclosuresResponse,
} from "../../../../contracts/disclosure-api";
import { AppError } from "../../../common/http/app-error";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";

const unavailable = () => new AppError("unavailable", "The record of disclosures cannot be read right now. Try again shortly.");
const noTenant = () => new AppError("not-found", "No such tenant.");

/** The tenant whose record the actor reads: their own; a platform admin's choice (which must exist). */
export async function recordTenantOf(ctx: AccessContext, actor: Actor, requested: string | undefined): Promise<{ id: string; name: string; kind: string }> {
  if (actor.role !== "platform_admin") {
    if (!actor.tenantId || (requested !== undefined && requested !== actor.tenantId)) throw noTenant();
  } else if (requested === undefined) {
    throw new AppError("validation-failed", "Choose the tenant whose record to read.", { fieldErrors: { tenantId: ["Choose a tenant."] } });
  }
  const tenant = await ctx.prisma.tenant.findUnique({ where: { id: requested ?? actor.tenantId! }, select: { id: true, name: true, kind: true } });
  if (!tenant) throw noTenant();
  return tenant;
}

function auditQuery(tenantId: string, filters: DisclosureFilters & { limit?: number; cursor?: string }): URLSearchParams {
  const params = new URLSearchParams({ tenantId });
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && k !== "tenantId") params.set(k, String(v));
  return params;
}

async function readAudit<T>(ctx: AccessContext, path: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<T> {
  const client = ctx.auditClient;
  if (!client) throw unavailable();
  const res = await client.json("GET", path).catch(() => null);
  const parsed = res && res.status === 200 ? schema.safeParse(res.body) : null;
  if (!parsed?.success) throw unavailable();
  return parsed.data;
}

export async function listRecord(ctx: AccessContext, actor: Actor, query: ListDisclosuresQuery): Promise<ListDisclosuresResponse & { tenant: { id: string; name: string } }> {
  const tenant = await recordTenantOf(ctx, actor, query.tenantId);
  const page = await readRecordPage(ctx, tenant.id, query);
  return { ...page, tenant: { id: tenant.id, name: tenant.name } };
}

/** One page for a tenant already decided (also the export's pages). */
export function readRecordPage(ctx: AccessContext, tenantId: string, query: DisclosureFilters & { limit: number; cursor?: string }): Promise<ListDisclosuresResponse> {
  return readAudit(ctx, `/v1/disclosures?${auditQuery(tenantId, query)}`, listDisclosuresResponse);
}

export async function recordActivity(ctx: AccessContext, actor: Actor, filters: DisclosureFilters): Promise<DisclosureActivityResponse> {
  const tenant = await recordTenantOf(ctx, actor, filters.tenantId);
  return readAudit(ctx, `/v1/disclosures/activity?${auditQuery(tenant.id, filters)}`, disclosureActivityResponse);
}
