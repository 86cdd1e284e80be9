// Everything the public trust page shows, with no customer data: the components' and Tessera's own data
// inventories, each trust document in effect with all its versions (pending ones included), and the
// security plan's controls with whether their live checks passed.
import type { TrustResponse } from "../../../../contracts/trust-api";
import type { AccessContext } from "../context";
import { latestCheckResults } from "../security-plan/run-self-checks";
import { listInventories } from "./list-inventories";
import { securityPlanSummary } from "./security-plan-summary";
import { tesseraDataForPage } from "./tessera-inventory";
import { trustPart } from "./trust-dto";

export async function getTrust(ctx: AccessContext): Promise<TrustResponse> {
  const now = ctx.now();
  const [components, documents, checks] = await Promise.all([
    listInventories(ctx),
    ctx.prisma.trustDocumentVersion.findMany({ orderBy: { version: "desc" } }),
    latestCheckResults(ctx.prisma),
  ]);
  return {
    generatedAt: now.toISOString(),
    noticeDays: ctx.settings.policyNoticeDays,
    components,
    tessera: tesseraDataForPage(),
    privacyPolicy: trustPart(documents, "privacy_policy", now),
    subprocessors: trustPart(documents, "subprocessors", now),
    commitments: trustPart(documents, "commitments", now),
    securityContact: trustPart(documents, "security_contact", now),
    securityPlan: securityPlanSummary(checks),
  };
}
