// A license's OAuth clients, newest first (revoked ones too, so the web tier can show their history), and
// the limits a new one is registered within.
import type { ListOAuthClientsResponse } from "../../../../contracts/oauth-api";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { loadTokenLicense } from "../tokens/token-license";
import { clientTokenLimits } from "./client-token-limits";
import { oauthClientSelect, toOAuthClientDto } from "./oauth-client-dto";

export async function listOAuthClients(ctx: AccessContext, actor: Actor, licenseId: string): Promise<ListOAuthClientsResponse> {
  const license = await loadTokenLicense(ctx.prisma, actor, licenseId);
  const rows = await ctx.prisma.oAuthClient.findMany({
    where: { licenseId: license.id, tenantId: license.tenantId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: oauthClientSelect,
  });
  return { clients: rows.map(toOAuthClientDto), limits: clientTokenLimits(license) };
}
