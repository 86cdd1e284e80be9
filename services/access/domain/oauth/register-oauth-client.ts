// Registers an internal component as an OAuth client of a license: it will authenticate with the
// certificate of `certIdentity` and may ask for at most `scopes` (⊆ the license's) for `tokenTtlSeconds`.
import { serviceIdentities } from "../../../../contracts/identities";
import type { OAuthClientResponse, RegisterOAuthClientRequest } from "../../../../contracts/oauth-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { newId } from "../secrets/ids";
import { declaredPurposeErrors } from "../disclosures/declared-purpose";
import { loadTokenLicense, type TokenLicense } from "../tokens/token-license";
import { clientTokenLimits } from "./client-token-limits";
import { oauthClientSelect, toOAuthClientDto } from "./oauth-client-dto";

/** Tessera's own services never use the grant (the token endpoint refuses the web tier outright). */
const ownIdentities: readonly string[] = Object.values(serviceIdentities);

function checkInput(license: TokenLicense, input: RegisterOAuthClientRequest): { scopes: string[]; tokenTtlSeconds: number } {
  const fieldErrors: Record<string, string[]> = declaredPurposeErrors(license, input.purpose);
  const limits = clientTokenLimits(license);
  if (ownIdentities.includes(input.certIdentity)) fieldErrors.certIdentity = [`"${input.certIdentity}" is one of Tessera's own services: name the component's certificate.`];
  const unknown = input.scopes.filter((s) => !limits.scopes.includes(s));
  if (unknown.length) fieldErrors.scopes = [`Not among the license's scopes: ${unknown.slice(0, 5).join(", ")}.`];
  const tokenTtlSeconds = input.tokenTtlSeconds ?? limits.defaultTtlSeconds;
  if (tokenTtlSeconds > limits.maxTtlSeconds) fieldErrors.tokenTtlSeconds = [`At most ${limits.maxTtlSeconds} seconds on this license's tier.`];
  if (Object.keys(fieldErrors).length) throw new AppError("validation-failed", "The OAuth client cannot be registered as asked.", { fieldErrors });
  return { scopes: [...new Set(input.scopes)].sort(), tokenTtlSeconds };
}

export async function registerOAuthClient(ctx: AccessContext, actor: Actor, licenseId: string, input: RegisterOAuthClientRequest, meta: RequestMeta): Promise<OAuthClientResponse> {
  return ctx.prisma.$transaction(async (tx) => {
    const license = await loadTokenLicense(tx, actor, licenseId);
    const { scopes, tokenTtlSeconds } = checkInput(license, input);
    const row = await tx.oAuthClient.create({
      data: { id: newId("cli"), licenseId: license.id, tenantId: license.tenantId, name: input.name, certIdentity: input.certIdentity, scopes, tokenTtlSeconds, createdById: actor.userId, purpose: input.purpose ?? null },
      select: oauthClientSelect,
    });
    await recordEvent(tx, {
      action: "oauth_client.register",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "oauth_client", id: row.id },
      tenantId: license.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { licenseId: license.id, name: row.name, certIdentity: row.certIdentity, scopes, tokenTtlSeconds, purpose: row.purpose },
    });
    return { client: toOAuthClientDto(row) };
  });
}
