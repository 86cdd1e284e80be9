"use client";
// The dashboard's small security-plan panel: failing self-checks, each with its finding, or that all pass.
import Link from "next/link";
import { checkTitles } from "@/contracts/security-plan";
import { formatDateTime } from "@/lib/format";
import { useSecurityPlan } from "./security-plan-queries";

export function FailingChecksPanel() {
  const plan = useSecurityPlan();
  if (plan.isPending || plan.isError) return null; // the plan page shows its own errors; the dashboard stays calm
  const failing = plan.data.results.filter((r) => r.result === "fail");
  const tone = failing.length ? "border-red-300 bg-red-50" : "border-slate-200 bg-white";
  return (
    <section aria-labelledby="failing-checks-title" className={`mt-6 rounded-xl border p-5 ${tone}`}>
      <h2 id="failing-checks-title" className="font-semibold">
        {failing.length ? `Security self-checks: ${failing.length} failing` : "Security self-checks"}
      </h2>
      {plan.data.results.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">No self-check has run yet. They run every hour in the access service, or on demand from the security plan.</p>
      ) : failing.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">All {plan.data.results.length} checks that have run pass.</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm">
          {failing.map((r) => (
            <li key={r.checkId} className="break-words">
              <span className="font-semibold">{checkTitles[r.checkId]}</span>: {r.sentence}{" "}
              <span className="text-slate-700">({formatDateTime(r.checkedAt)})</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link href="/compliance/plan" className="font-semibold text-indigo-800 underline">
          Open the security plan
        </Link>
      </p>
    </section>
  );
}
