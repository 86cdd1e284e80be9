// A self-check's result as a labelled badge: the words carry the meaning, colour only helps.
import type { CheckOutcome } from "@/contracts/security-plan";

const looks: Record<CheckOutcome | "not-run", { label: string; classes: string }> = {
  pass: { label: "Pass", classes: "bg-emerald-100 text-emerald-900 ring-emerald-300" },
  fail: { label: "Fail", classes: "bg-red-100 text-red-900 ring-red-300" },
  "not-applicable": { label: "Not applicable", classes: "bg-slate-100 text-slate-800 ring-slate-300" },
  "not-run": { label: "Not run yet", classes: "bg-amber-100 text-amber-950 ring-amber-300" },
};

export function CheckResultBadge({ result }: { result: CheckOutcome | "not-run" }) {
  const look = looks[result];
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${look.classes}`} data-result={result}>
      {look.label}
    </span>
  );
}
