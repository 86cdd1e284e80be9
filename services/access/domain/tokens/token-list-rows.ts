// Token rows of many licenses → the contract's TokenListRow: each token's DTO with its license's component
// and its tenant's name, for tables across licenses (the Tokens area, the leaked-token lookup).
import type { TokenListRow } from "../../../../contracts/token-api";
import type { AccessPrisma } from "../../db/prisma";
import type { TransactionClient } from "../context";
import { toTokenDtos, tokenSelect } from "./token-dto";
import { loadTokenLicenses } from "./token-license";

/** What to select of a token for a row across licenses. */
export const tokenListSelect = { ...tokenSelect, license: { select: { component: { select: { key: true, name: true } }, tenant: { select: { name: true } } } } } as const;

type Row = Parameters<typeof toTokenDtos>[1][number] & { license: { component: { key: string; name: string }; tenant: { name: string } } };

export async function toTokenListRows(db: AccessPrisma | TransactionClient, rows: readonly Row[], now: Date): Promise<TokenListRow[]> {
  const licenses = await loadTokenLicenses(db, rows.map((r) => r.licenseId));
  const dtos = await toTokenDtos(
    db,
    rows,
    (id) => {
      const license = licenses.get(id);
      if (!license) throw new Error(`token row without its license ${id}`);
      return license;
    },
    now,
  );
  return dtos.map((dto, i) => {
    const row = rows[i]!;
    return { ...dto, license: { id: row.licenseId, component: row.license.component }, tenant: { id: row.tenantId, name: row.license.tenant.name } };
  });
}
