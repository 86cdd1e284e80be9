// The security plan as a PDF a district can file: each CSF function's controls with their check's latest
// result, sentence and time; failing checks listed first. Drawn by the one PDF renderer (pdf-document.ts).
import { checkTitles, controlsOf, csfFunctions, type CheckResult, type SecurityPlanResponse } from "../../../../contracts/security-plan";
import { renderPdf, type PdfSection } from "../documents/pdf-document";

const label = { pass: "Pass", fail: "FAIL", "not-applicable": "Not applicable" } as const;

export function securityPlanPdf(plan: SecurityPlanResponse, publicUrl: string): Promise<Buffer> {
  const byCheck = new Map(plan.results.map((r) => [r.checkId, r]));
  const failing = plan.results.filter((r) => r.result === "fail");
  const sections: PdfSection[] = [
    {
      heading: failing.length ? `Failing checks (${failing.length})` : "Failing checks",
      blocks: failing.length
        ? [{ table: { columns: ["Check", "Finding", "Checked at"], rows: failing.map((r) => [checkTitles[r.checkId], r.sentence, r.checkedAt]), widths: [2, 5, 2] } }]
        : [{ paragraph: "No check fails at the time of this document." }],
    },
    ...csfFunctions.map((fn) => ({
      heading: `${fn.name} (${fn.id})`,
      blocks: [
        { paragraph: fn.summary },
        {
          table: {
            columns: ["Control", "What Tessera does", "Live check"],
            rows: controlsOf(fn.id).map((c) => [`${c.id}\n${c.categoryName}`, c.text, c.check ? checkCell(byCheck.get(c.check), c.check) : "Described, not checked live"]),
            widths: [2, 5, 3],
          },
        },
      ],
    })),
    {
      heading: "Access review",
      blocks: [
        plan.lastReview
          ? { facts: [["Last signed off", plan.lastReview.signedOffAt], ["By", plan.lastReview.signedOffBy], ["Note", plan.lastReview.note || "—"]] as [string, string][] }
          : { paragraph: "No access review has been signed off yet." },
      ],
    },
  ];
  return renderPdf({
    title: "Tessera security plan",
    subtitle: ["Controls mapped to the NIST Cybersecurity Framework 2.0, with live self-checks", `Generated ${plan.generatedAt} · ${publicUrl}/compliance/plan`],
    sections,
    footer: `Tessera security plan · generated ${plan.generatedAt.slice(0, 16)}Z`,
  }, new Date(plan.generatedAt));
}

function checkCell(result: CheckResult | undefined, id: string): string {
  if (!result) return `${id}: not run yet`;
  return `${label[result.result]} (${result.checkedAt.slice(0, 16)}Z): ${result.sentence}`;
}
