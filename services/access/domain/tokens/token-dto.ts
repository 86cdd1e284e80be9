// Token rows → the contract's TokenDto: effective state per request, creator and revoker by name.
import type { TokenDto } from "../../../../contracts/token-api";
import type { AccessPrisma } from "../../db/prisma";
import type { TransactionClient } from "../context";
import { issuedLifetimeSeconds } from "./token-lifetime";
import { tokenState, type LicenseFacts } from "./token-state";

export const tokenSelect = {
  id: true,
  licenseId: true,
  tenantId: true,
  name: true,
  displayPrefix: true,
  scopes: true,
  createdAt: true,
  createdById: true,
  clientId: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  revokedById: true,
  revokeReason: true,
  rotatedFromId: true,
  purpose: true,
  lifetimeSeconds: true,
} as const;

type TokenRow = {
  id: string;
  licenseId: string;
  tenantId: string;
  name: string;
  displayPrefix: string;
  scopes: string[];
  createdAt: Date;
  createdById: string | null;
  clientId: string | null;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedById: string | null;
  revokeReason: string | null;
  rotatedFromId: string | null;
  purpose: string | null;
  lifetimeSeconds: number | null;
};

type Person = { id: string; name: string | null; email: string | null };

/**
 * DTOs for rows of one license (lists and single tokens alike), or of many (`license` then finds each
 * row's, loaded beforehand); people are loaded in one query.
 */
export async function toTokenDtos(db: AccessPrisma | TransactionClient, rows: readonly TokenRow[], license: LicenseFacts | ((licenseId: string) => LicenseFacts), now = new Date()): Promise<TokenDto[]> {
  const licenseOf = typeof license === "function" ? license : () => license;
  const ids = [...new Set(rows.flatMap((r) => [r.createdById, r.revokedById]).filter((id): id is string => id !== null))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const person = (id: string | null): Person | null => (id === null ? null : (byId.get(id) ?? { id, name: null, email: null }));
  return rows.map((r) => {
    const state = tokenState(r, licenseOf(r.licenseId), now);
    return {
      id: r.id,
      licenseId: r.licenseId,
      tenantId: r.tenantId,
      name: r.name,
      displayPrefix: r.displayPrefix,
      scopes: r.scopes,
      effectiveScopes: state.scopes,
      status: state.status,
      licenseActive: state.licenseActive,
      createdAt: r.createdAt.toISOString(),
      createdBy: person(r.createdById),
      clientId: r.clientId,
      expiresAt: r.expiresAt.toISOString(),
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
      revokedBy: person(r.revokedById),
      revokeReason: r.revokeReason,
      rotatedFromId: r.rotatedFromId,
      purpose: r.purpose,
      lifetimeHours: Math.ceil(issuedLifetimeSeconds(r) / 3600),
    };
  });
}
