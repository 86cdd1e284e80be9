// What an OAuth client of a license may be registered with: the license's scopes, and token lifetimes from
// its tier (a default and a maximum), in seconds. One place, so the list's limits and the register rules agree.
import type { ListOAuthClientsResponse } from "../../../../contracts/oauth-api";
import { purposeRequired } from "../disclosures/declared-purpose";
import type { TokenLicense } from "../tokens/token-license";

export type ClientTokenLimits = ListOAuthClientsResponse["limits"];

export function clientTokenLimits(license: TokenLicense): ClientTokenLimits {
  const maxTtlSeconds = license.tier.tokenMaxTtlHours * 3600;
  return { scopes: [...license.scopes], defaultTtlSeconds: Math.min(license.tier.tokenDefaultTtlHours * 3600, maxTtlSeconds), maxTtlSeconds, purposeRequired: purposeRequired(license) };
}
