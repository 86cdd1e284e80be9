// Writes a new service tier, its scopes and its audit event inside the caller's transaction; shared by
// the endpoint and the default-catalogue seeding.
import type { CreateTierInput } from "../../../../contracts/catalogue-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import type { ChangeAuthor } from "../catalogue/change-author";
import type { TransactionClient } from "../context";
import { newId } from "../secrets/ids";
import { resolveScopeIds } from "./resolve-scope-ids";
import { tierScopesInclude } from "./tier-scope-keys";

export async function insertTier(tx: TransactionClient, input: CreateTierInput, by: ChangeAuthor) {
  if (await tx.serviceTier.findUnique({ where: { key: input.key }, select: { id: true } })) {
    throw new AppError("conflict", `A tier with key "${input.key}" already exists.`, { fieldErrors: { key: ["This key is taken."] } });
  }
  const { scopes, ...fields } = input;
  const scopeIds = await resolveScopeIds(tx, scopes);
  const id = newId("tier");
  const tier = await tx.serviceTier.create({
    data: { id, ...fields, scopes: { create: [...scopeIds.values()].map((scopeId) => ({ scopeId })) } },
    include: tierScopesInclude,
  });
  await recordEvent(tx, {
    action: "tier.create",
    outcome: "success",
    actor: by.actor,
    target: { type: "tier", id },
    tenantId: null,
    sourceIp: by.sourceIp,
    requestId: by.requestId,
    data: {
      key: tier.key,
      scopes: [...scopes],
      quotas: {
        seats: tier.seats,
        tokensPerLicense: tier.tokensPerLicense,
        requestsPerMinute: tier.requestsPerMinute,
        tokenDefaultTtlHours: tier.tokenDefaultTtlHours,
        tokenMaxTtlHours: tier.tokenMaxTtlHours,
        heartbeatWindowMinutes: tier.heartbeatWindowMinutes,
      },
    },
  });
  return tier;
}
