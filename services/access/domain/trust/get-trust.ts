// Everything the public trust page shows, with no customer data: the components' and Tessera's own data
// inventories, and each trust document in effect with all its versions (pending ones included).
import type { TrustResponse } from "../../../../contracts/trust-api";
import type { AccessContext } from "../context";
import { listInventories } from "./list-inventories";
import { tesseraDataForPage } from "./tessera-inventory";
import { trustPart } from "./trust-dto";

export async function getTrust(ctx: AccessContext): Promise<TrustResponse> {
  const now = ctx.now();
  const [components, documents] = await Promise.all([listInventories(ctx), ctx.prisma.trustDocumentVersion.findMany({ orderBy: { version: "desc" } })]);
  return {
    generatedAt: now.toISOString(),
    noticeDays: ctx.settings.policyNoticeDays,
    components,
    tessera: tesseraDataForPage(),
    privacyPolicy: trustPart(documents, "privacy_policy", now),
    subprocessors: trustPart(documents, "subprocessors", now),
    commitments: trustPart(documents, "commitments", now),
    securityContact: trustPart(documents, "security_contact", now),
    // The security plan (issue 9 §3) fills this in; until it is merged there is no control to summarise.
    securityPlan: { controls: [] },
  };
}
