// The OAuth client record as the web tier sees it (no secrets exist: clients authenticate by certificate).
import type { OAuthClientDto } from "../../../../contracts/oauth-api";

export const oauthClientSelect = {
  id: true,
  licenseId: true,
  tenantId: true,
  name: true,
  certIdentity: true,
  scopes: true,
  tokenTtlSeconds: true,
  createdById: true,
  createdAt: true,
  revokedAt: true,
  purpose: true,
} as const;

type Row = { [K in keyof typeof oauthClientSelect]: K extends "createdAt" ? Date : K extends "revokedAt" | "purpose" ? (K extends "revokedAt" ? Date : string) | null : K extends "scopes" ? string[] : K extends "tokenTtlSeconds" ? number : string };

export function toOAuthClientDto(row: Row): OAuthClientDto {
  return { ...row, createdAt: row.createdAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null };
}
