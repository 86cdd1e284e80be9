// A service tier as the contract shows it.
import type { TierDto } from "../../../../contracts/catalogue-api";
import { tierScopeKeys } from "./tier-scope-keys";

export type TierRow = {
  id: string;
  key: string;
  name: string;
  description: string;
  seats: number;
  tokensPerLicense: number;
  requestsPerMinute: number;
  tokenDefaultTtlHours: number;
  tokenMaxTtlHours: number;
  heartbeatWindowMinutes: number;
  createdAt: Date;
  updatedAt: Date;
  scopes: readonly { scope: { key: string } }[];
};

export function toTierDto(tier: TierRow, licenseCount: number): TierDto {
  return {
    id: tier.id,
    key: tier.key,
    name: tier.name,
    description: tier.description,
    seats: tier.seats,
    tokensPerLicense: tier.tokensPerLicense,
    requestsPerMinute: tier.requestsPerMinute,
    tokenDefaultTtlHours: tier.tokenDefaultTtlHours,
    tokenMaxTtlHours: tier.tokenMaxTtlHours,
    heartbeatWindowMinutes: tier.heartbeatWindowMinutes,
    scopes: tierScopeKeys(tier),
    licenseCount,
    createdAt: tier.createdAt.toISOString(),
    updatedAt: tier.updatedAt.toISOString(),
  };
}
