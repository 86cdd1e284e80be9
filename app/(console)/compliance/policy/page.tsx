// Policy & subprocessors: versions of the privacy policy and subprocessors, notices of material change with
// their effective dates, and who acknowledged each when (platform admins: which districts have not).
import type { Metadata } from "next";
import { PolicyView } from "@/components/trust/policy-view";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Policy & subprocessors" };

export default async function PolicyPage() {
  await requirePageAccess("GET /v1/trust/notices");
  return <PolicyView />;
}
