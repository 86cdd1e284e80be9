// The dashboard's figures (GET /v1/dashboard): licenses by status, those ending soon, tokens live and revoked
// this week, and validations over time — license validations and token introspections, two series — each
// counted over what the person may see (their tenant's, or all).
import { z } from "zod";
import type { LicenseStatus } from "./license-api";
import { usageSeries } from "./token-api";

/** "Expiring soon" means within this many days. */
export const expiringWithinDays = 30;
/** How many of the soonest-ending licenses the dashboard names. */
export const expiringListed = 5;

const count = z.number().int().nonnegative();

export const dashboardResponse = z.object({
  licenses: z.object({
    /** Effective status: an active license past its end counts as expired. */
    byStatus: z.object({ active: count, suspended: count, expired: count, revoked: count }) satisfies z.ZodType<Record<LicenseStatus, number>>,
    expiringSoon: z.object({
      count,
      /** The soonest-ending active licenses, soonest first. */
      soonest: z.array(z.object({ id: z.string(), component: z.string(), tenant: z.string(), endsAt: z.iso.datetime({ offset: true }) })),
    }),
    /**
     * Validations of the visible licenses by components (POST /v1/licenses/validate) over the last 7 days, in
     * the usage charts' 7-day buckets: `uses` answered valid, `refusals` refused for a license that exists
     * (revoked, suspended, expired, not yet valid, scope or seat missing). Unknown keys are not counted.
     */
    validations: usageSeries,
  }),
  /** Null when the person may not read tokens. */
  tokens: z
    .object({
      live: count,
      revokedThisWeek: count,
      /** Introspections of the visible tokens by components over the last 7 days (the usage charts' 7-day buckets). */
      introspections: usageSeries,
    })
    .nullable(),
});
export type DashboardResponse = z.infer<typeof dashboardResponse>;
