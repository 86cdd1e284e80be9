// The sentence an alert page shows for a sequence model's evidence: a "sequence" alert's own, or the
// model's corroboration of a rules alert (its evidence's `model`). null when there is none.
import { sequenceEvidence, type SecurityAlertDto } from "@/contracts/security-alert-api";

export function modelEvidenceSentence(alert: Pick<SecurityAlertDto, "kind" | "evidence">): string | null {
  const parsed = sequenceEvidence.safeParse(alert.kind === "sequence" ? alert.evidence : alert.evidence.model);
  if (!parsed.success) return null;
  const e = parsed.data;
  const before = e.window.length ? `after ${e.window.join(" → ")}` : "as its first event";
  const expected = e.expected.length === 1 ? `the one it expected was ${e.expected[0]}` : `the ${e.expected.length} it expected were ${e.expected.join(", ")}`;
  const lead = alert.kind === "sequence" ? "The" : "The sequence model agrees: the";
  return `${lead} ${e.model} (version ${e.version}) did not expect ${e.key} ${before}; ${expected}.`;
}
