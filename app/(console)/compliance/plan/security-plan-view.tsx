"use client";
// The plan as a district reads it: failing checks first, then each CSF function's controls with the
// latest result of their check, its sentence, time and evidence. Printable (security-plan-print.css: only the plan is printed)
// and downloadable as a PDF; platform administrators run the checks now and sign off the access review.
import { checkTitles, controlsOf, csfFunctions, type CheckResult, type Control } from "@/contracts/security-plan";
import { CheckResultBadge } from "@/components/compliance/check-result-badge";
import { useSecurityPlan } from "@/components/compliance/security-plan-queries";
import { PageHeader } from "@/components/console/page-header";
import { Button, buttonClasses } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/format";
import { PlanActions } from "./plan-actions";
import { EvidenceDetails } from "./evidence-details";


export function SecurityPlanView({ manages }: { manages: boolean }) {
  const plan = useSecurityPlan();
  return (
    <section id="security-plan" aria-labelledby="page-title" className="space-y-6">
      <PageHeader
        title="Security plan"
        summary="Tessera's controls mapped to the NIST Cybersecurity Framework 2.0. Where the system can show a control, a live self-check gives its evidence and time."
        actions={
          <div className="flex flex-wrap gap-2 print:hidden">
            <a href="/api/security-plan/pdf" download className={buttonClasses("secondary")}>
              Download PDF
            </a>
            <Button type="button" variant="secondary" onClick={() => window.print()}>
              Print
            </Button>
          </div>
        }
      />
      {plan.isPending ? (
        <LoadingState label="Loading the security plan…" />
      ) : plan.isError ? (
        <ErrorState error={plan.error} onRetry={() => plan.refetch()} what="load the security plan" />
      ) : (
        <>
          <p className="text-sm text-slate-700">Generated {formatDateTime(plan.data.generatedAt)}.</p>
          {manages ? <PlanActions lastReview={plan.data.lastReview} /> : null}
          <FailingChecks results={plan.data.results} />
          {csfFunctions.map((fn) => (
            <section key={fn.id} aria-labelledby={`csf-${fn.id}`} className="rounded-lg border border-slate-200 bg-white p-4 print:break-inside-avoid-page">
              <h2 id={`csf-${fn.id}`} className="text-lg font-semibold">
                {fn.name} ({fn.id})
              </h2>
              <p className="mt-1 text-sm text-slate-700">{fn.summary}</p>
              <ul className="mt-3 divide-y divide-slate-200">
                {controlsOf(fn.id).map((control) => (
                  <ControlItem key={control.id} control={control} result={control.check ? plan.data.results.find((r) => r.checkId === control.check) : undefined} />
                ))}
              </ul>
            </section>
          ))}
          <section aria-labelledby="review-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="review-title" className="text-lg font-semibold">
              Access review
            </h2>
            <p className="mt-1 text-sm">
              {plan.data.lastReview
                ? `Last signed off ${formatDateTime(plan.data.lastReview.signedOffAt)} by ${plan.data.lastReview.signedOffBy}${plan.data.lastReview.note ? `: “${plan.data.lastReview.note}”` : "."}`
                : "No access review has been signed off yet. A platform administrator reviews every privileged account, OAuth client and certificate, and signs off here."}
            </p>
          </section>
        </>
      )}
    </section>
  );
}

function FailingChecks({ results }: { results: CheckResult[] }) {
  const failing = results.filter((r) => r.result === "fail");
  if (results.length === 0) {
    return (
      <Notice tone="info" title="No self-check has run yet">
        The access service runs them every hour; their results, evidence and time will appear beside each control.
      </Notice>
    );
  }
  if (failing.length === 0) return <Notice tone="success" title={`All ${results.length} checks that have run pass`} />;
  return (
    <Notice tone="error" title={`${failing.length} failing ${failing.length === 1 ? "check" : "checks"}`}>
      <ul className="list-disc space-y-1 pl-5">
        {failing.map((r) => (
          <li key={r.checkId} className="break-words">
            <a href={`#check-${r.checkId}`} className="font-semibold underline">
              {checkTitles[r.checkId]}
            </a>
            : {r.sentence}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

function ControlItem({ control, result }: { control: Control; result: CheckResult | undefined }) {
  return (
    <li className="py-3" id={control.check ? `check-${control.check}` : undefined}>
      <h3 className="text-sm font-semibold">
        <span className="font-mono">{control.id}</span> · {control.categoryName}
      </h3>
      <p className="mt-1 text-sm">{control.text}</p>
      {control.check ? (
        <div className={`mt-2 rounded-md border p-3 text-sm ${result?.result === "fail" ? "border-red-300 bg-red-50" : "border-slate-200 bg-slate-50"}`}>
          <p className="flex flex-wrap items-center gap-2">
            <CheckResultBadge result={result?.result ?? "not-run"} />
            <span className="font-semibold">{checkTitles[control.check]}</span>
          </p>
          {result ? (
            <>
              <p className="mt-1 break-words">{result.sentence}</p>
              <p className="mt-1 text-slate-700">Checked {formatDateTime(result.checkedAt)}</p>
              <EvidenceDetails evidence={result.evidence} />
            </>
          ) : (
            <p className="mt-1 text-slate-700">This check has not run yet.</p>
          )}
        </div>
      ) : (
        <p className="mt-1 text-xs text-slate-700">Described; not checked live.</p>
      )}
    </li>
  );
}
