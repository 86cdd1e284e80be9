import "server-only";
// A license's OAuth clients for the person signed in: list (with the limits a new one must keep within),
// register, revoke. Answers are zod-checked and cut to what the browser shows (no tenant or creator ids).
import {
  listOAuthClientsResponse,
  oauthClientResponse,
  revokeOAuthClientResponse,
  type OAuthClientDto,
  type RegisterOAuthClientRequest,
} from "@/contracts/oauth-api";
import type { OAuthClientList, OAuthClientView } from "@/lib/views/oauth-client-view";
import { seg } from "@/lib/with-query";
import { accessRequest } from "./access-client";

export async function listLicenseOAuthClients(bearer: string, licenseId: string): Promise<OAuthClientList> {
  const res = await accessRequest("GET", `/v1/licenses/${seg(licenseId)}/oauth-clients`, { bearer, schema: listOAuthClientsResponse });
  const { scopes, defaultTtlSeconds, maxTtlSeconds, purposeRequired } = res.limits;
  return { clients: res.clients.map(toView), limits: { scopes, defaultTtlSeconds, maxTtlSeconds, purposeRequired } };
}

export async function registerLicenseOAuthClient(bearer: string, licenseId: string, input: RegisterOAuthClientRequest): Promise<{ client: OAuthClientView }> {
  const res = await accessRequest("POST", `/v1/licenses/${seg(licenseId)}/oauth-clients`, { bearer, body: input, schema: oauthClientResponse });
  return { client: toView(res.client) };
}

/** Revokes the client and every live token it obtained; says how many tokens stopped working. */
export async function revokeOAuthClient(bearer: string, id: string): Promise<{ client: OAuthClientView; revokedTokens: number }> {
  const res = await accessRequest("POST", `/v1/oauth-clients/${seg(id)}/revoke`, { bearer, schema: revokeOAuthClientResponse });
  return { client: toView(res.client), revokedTokens: res.revokedTokens };
}

function toView(c: OAuthClientDto): OAuthClientView {
  return {
    id: c.id,
    name: c.name,
    certIdentity: c.certIdentity,
    scopes: c.scopes,
    tokenTtlSeconds: c.tokenTtlSeconds,
    createdAt: c.createdAt,
    revokedAt: c.revokedAt,
    purpose: c.purpose,
    status: c.revokedAt ? "revoked" : "active",
  };
}
