// The security plan as the public trust page summarises it: each control with its CSF 2.0 function and,
// where a live self-check backs it, whether the last run passed and when. No evidence: that stays in the
// console (/compliance/plan) for the people who may see it.
import { csfFunctions, securityControls, type CheckResult } from "../../../../contracts/security-plan";
import type { TrustResponse } from "../../../../contracts/trust-api";

const functionNames = new Map<string, string>(csfFunctions.map((f) => [f.id, f.name]));

export function securityPlanSummary(results: CheckResult[]): TrustResponse["securityPlan"] {
  const byCheck = new Map(results.map((r) => [r.checkId, r]));
  return {
    controls: securityControls.map((c) => ({
      id: c.id,
      function: functionNames.get(c.function) ?? c.function,
      title: `${c.categoryName}: ${c.text}`,
      status: controlStatus(c.check ? (byCheck.get(c.check) ?? null) : undefined),
    })),
  };
}

/** undefined: the control has no live check; null: its check has not run yet. */
function controlStatus(result: CheckResult | null | undefined): string {
  if (result === undefined) return "a practice, not checked automatically";
  if (result === null) return "checked live; not run yet";
  const day = result.checkedAt.slice(0, 10);
  if (result.result === "pass") return `checked live; passed on ${day}`;
  if (result.result === "fail") return `checked live; did not pass on ${day} (being addressed)`;
  return `checked live; not applicable to this deployment (${day})`;
}
