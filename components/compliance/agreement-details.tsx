// A district's agreement as a list of facts: kind, reference, days, the Exhibit E offer it adopted and the
// breach-notice rules that apply (the agreement's own period, the state's with its citation).
import { agreementKindLabels, type AgreementDto } from "@/contracts/compliance-api";
import { DetailsList, type DetailRow } from "@/components/ui/details-list";
import { formatDate } from "@/lib/format";

const day = (d: string | null) => (d ? <time dateTime={d}>{formatDate(`${d}T00:00:00Z`)}</time> : "—");

export function AgreementDetails({ agreement: a, today }: { agreement: AgreementDto; today: string }) {
  const rows: DetailRow[] = [
    ["Kind", a.kind ? agreementKindLabels[a.kind] : "Not recorded"],
    ["Reference", a.reference ?? "None recorded"],
    ["Signed", day(a.signedOn)],
    ["Takes effect", day(a.effectiveOn)],
    ["Ends", a.endsOn ? <>{day(a.endsOn)}{a.endsOn < today ? <strong className="ml-2 text-red-800">(ended)</strong> : null}</> : "—"],
  ];
  if (a.kind === "sdpc_ndpa") rows.push(["Exhibit E general offer adopted", a.generalOfferFrom ?? "None: the district signed its own NDPA"]);
  rows.push([
    "Breach notice",
    a.noticeRules.length ? (
      <ul className="list-disc space-y-1 pl-5">
        {a.noticeRules.map((rule) => (
          <li key={rule.source}>
            {rule.label}
            {rule.citation ? <>, <cite className="not-italic">{rule.citation}</cite></> : null}
          </li>
        ))}
        {a.noticeRules.length > 1 ? <li className="list-none text-slate-700">Where both apply, the earlier deadline governs: an agreement cannot extend a statute.</li> : null}
      </ul>
    ) : (
      "No period: neither the agreement nor Tessera's table of state rules sets one."
    ),
  ]);
  return <DetailsList rows={rows} className="mt-3 text-sm" />;
}
