// Which responses the detector applies for an alert's tenant: the tenant's setting, else its license's
// tier's, else the default; absent everywhere, shadow mode with an alert only (record, act on nothing:
// Cognito's advice to watch for two weeks before enforcing). Read from detector_settings, held 10 s.
import type { ResponseKind } from "../../../contracts/security-alert-api";
import type { AccessPrisma } from "../db/prisma";

export type ResponsePlan = { mode: "shadow" | "enforce"; responses: ResponseKind[] };
export const shadowPlan: ResponsePlan = { mode: "shadow", responses: ["alert"] };

export function createSettingsReader(prisma: AccessPrisma, ttlMs = 10_000) {
  let cached: { at: number; byScope: Map<string, ResponsePlan> } | null = null;
  const all = async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.byScope;
    const rows = await prisma.detectorSetting.findMany();
    const byScope = new Map(rows.map((r) => [r.scope, { mode: r.mode === "enforce" ? "enforce" : "shadow", responses: r.responses as ResponseKind[] } satisfies ResponsePlan]));
    cached = { at: Date.now(), byScope };
    return byScope;
  };
  return {
    async planFor(tenantId: string | null, tierId: string | null): Promise<ResponsePlan> {
      const s = await all();
      return (tenantId && s.get(`tenant:${tenantId}`)) || (tierId && s.get(`tier:${tierId}`)) || s.get("default") || shadowPlan;
    },
    invalidate: () => void (cached = null),
  };
}
