// The heading of a console page: title, one-line summary, and the page's main actions.
export function PageHeader({ title, summary, actions, back }: { title: string; summary?: React.ReactNode; actions?: React.ReactNode; back?: React.ReactNode }) {
  return (
    <div className="mb-5">
      {back ? <div className="mb-2 text-sm">{back}</div> : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 id="page-title" className="break-words text-2xl font-semibold tracking-tight">
            {title}
          </h1>
          {summary ? <div className="mt-1 text-slate-700">{summary}</div> : null}
        </div>
        {actions ? <div className="flex shrink-0 flex-wrap gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}
