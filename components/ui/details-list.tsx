// Term / value pairs of a record, two columns on wide screens and stacked on narrow ones.
export type DetailRow = [term: string, value: React.ReactNode];

export function DetailsList({ rows, className = "" }: { rows: DetailRow[]; className?: string }) {
  return (
    <dl className={`grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr] ${className}`}>
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-700">{term}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
