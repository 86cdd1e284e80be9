"use client";
// The record's lines as cards on narrow screens (below 640 px), where eight columns would not fit: the
// same facts as the table's cells, one labelled list per line.
import type { DisclosureRecord } from "@/contracts/disclosure-api";
import type { TableQuery } from "@/components/ui/data-table";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { columns } from "./disclosure-columns";

export function DisclosureCards({ rows, query, empty }: { rows: DisclosureRecord[] | undefined; query: TableQuery; empty: { title: string; body: string } }) {
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} what="load the record of disclosures" />;
  if (!rows) return <LoadingState />;
  if (!rows.length) return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
  return (
    <ul aria-label="Record of disclosures" className="space-y-3">
      {rows.map((r) => (
        <li key={r.seq} className="rounded-lg border border-slate-200 bg-white p-3">
          <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-2 gap-y-1 text-sm">
            {columns.map((c) => (
              <div key={c.key} className="contents">
                <dt className="font-medium text-slate-700">{c.header}</dt>
                <dd className="min-w-0 [overflow-wrap:anywhere]">{c.cell(r)}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}
