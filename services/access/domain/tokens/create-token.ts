// Creates a token of a license for a person: scopes a subset of the license's current scopes, lifetime
// within the tier's maximum (its default when not given), audited without the secret, shown once.
import type { CreateTokenRequest, CreateTokenResponse } from "../../../../contracts/token-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { declaredPurposeErrors } from "../disclosures/declared-purpose";
import { issueToken } from "./issue-token";
import { toTokenDtos } from "./token-dto";
import { loadTokenLicense, lockLicenseRow, type TokenLicense } from "./token-license";

function checkInput(license: TokenLicense, input: CreateTokenRequest): { scopes: string[]; ttlHours: number } {
  const fieldErrors: Record<string, string[]> = declaredPurposeErrors(license, input.purpose);
  const unknown = input.scopes.filter((s) => !license.scopes.includes(s));
  if (unknown.length) fieldErrors.scopes = [`Not among the license's scopes: ${unknown.slice(0, 5).join(", ")}.`];
  const ttlHours = input.expiresInHours ?? Math.min(license.tier.tokenDefaultTtlHours, license.tier.tokenMaxTtlHours);
  if (ttlHours > license.tier.tokenMaxTtlHours) fieldErrors.expiresInHours = [`At most ${license.tier.tokenMaxTtlHours} hours on this license's tier.`];
  if (Object.keys(fieldErrors).length) throw new AppError("validation-failed", "The token cannot be created as asked.", { fieldErrors });
  return { scopes: [...new Set(input.scopes)].sort(), ttlHours };
}

export async function createToken(ctx: AccessContext, actor: Actor, licenseId: string, input: CreateTokenRequest, meta: RequestMeta): Promise<CreateTokenResponse> {
  return ctx.prisma.$transaction(async (tx) => {
    await lockLicenseRow(tx, licenseId);
    const license = await loadTokenLicense(tx, actor, licenseId);
    const now = new Date();
    const { scopes, ttlHours } = checkInput(license, input);
    const { row, secret } = await issueToken(tx, ctx.keys.secretDigest, license, { name: input.name, scopes, ttlSeconds: ttlHours * 3600, holder: { createdById: actor.userId }, purpose: input.purpose ?? null }, now);
    await recordEvent(tx, {
      action: "token.create",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "token", id: row.id },
      tenantId: license.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { licenseId: license.id, name: row.name, displayPrefix: row.displayPrefix, scopes, expiresAt: row.expiresAt.toISOString(), purpose: row.purpose },
    });
    const [token] = await toTokenDtos(tx, [row], license, now);
    if (!token) throw new Error("created token vanished");
    return { token, secret };
  });
}
