// The security plan: controls mapped to NIST CSF 2.0, each with its live self-check's latest result and
// evidence (data loaded in the browser); platform administrators run the checks and sign off the review.
import type { Metadata } from "next";
import { accessPolicies } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";
import { requirePageAccess } from "@/lib/server/page-access";
import { SecurityPlanView } from "./security-plan-view";
import "./security-plan-print.css";

export const metadata: Metadata = { title: "Security plan" };

export default async function SecurityPlanPage() {
  const role = await requirePageAccess("GET /v1/security-plan");
  const manages = role !== null && roleMayCall(role, accessPolicies["POST /v1/security-plan/checks/:checkId/run"]);
  return <SecurityPlanView manages={manages} />;
}
