// The record's columns, shared by its table (wide screens, print) and its cards (narrow screens).
import type { DisclosureRecord } from "@/contracts/disclosure-api";
import type { Column } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/format";

export function holder(r: DisclosureRecord): React.ReactNode {
  if (r.kind === "report") return r.party;
  if (r.clientId) return <>OAuth client <code className="font-mono">{r.clientId}</code></>;
  if (r.personId) return <>Token made by <code className="font-mono">{r.personId}</code></>;
  return "License key";
}

export const columns: Column<DisclosureRecord>[] = [
  { key: "when", header: "When", cell: (r) => <time dateTime={r.occurredAt} className="whitespace-nowrap">{formatDateTime(r.occurredAt)}</time> },
  { key: "kind", header: "Kind", cell: (r) => (r.kind === "report" ? "Disclosure reported" : `Access${r.count > 1 ? ` ×${r.count}` : ""}`) },
  { key: "component", header: "Component", cell: (r) => <code className="font-mono">{r.component}</code> },
  { key: "party", header: "Party / through", cell: holder },
  { key: "interest", header: "Legitimate interest", cell: (r) => (r.legitimateInterest ? <span className="block max-w-xs break-words">{r.legitimateInterest}</span> : <span className="text-slate-600">Not declared</span>) },
  {
    key: "records",
    header: "Records",
    cell: (r) =>
      r.kind === "report" ? (
        <span className="block max-w-xs break-words">
          {r.category}: {r.studentIds.length} student{r.studentIds.length === 1 ? "" : "s"} <span className="font-mono text-xs">{r.studentIds.slice(0, 6).join(", ")}{r.studentIds.length > 6 ? " …" : ""}</span>
        </span>
      ) : (
        <span className="font-mono text-xs">{r.scopes.join(" ")}</span>
      ),
  },
  { key: "credential", header: "Credential", cell: (r) => (r.credential ? <code className="font-mono text-xs">{r.credential.id}</code> : "—") },
  { key: "seq", header: "Audit event", cell: (r) => <span className="font-mono text-xs">#{r.seq}</span> },
];
