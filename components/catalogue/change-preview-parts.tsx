// The pieces every "what would this change do" preview shows alike: the scopes lost and gained, and the
// red box saying what blocks the change. The tier editor's preview (tier-preview.tsx) and the change-tier
// dialog's (licenses/tier-change-preview.tsx) both use them, so a blocked change looks the same in both.

export function ScopeChanges({ title, scopes, tone, none }: { title: string; scopes: string[]; tone: "lost" | "gained"; none: string }) {
  const look = tone === "lost" ? "bg-red-50 text-red-900 ring-red-200" : "bg-emerald-50 text-emerald-900 ring-emerald-200";
  return (
    <div>
      <p className="font-semibold">{title}</p>
      {scopes.length ? (
        <ul className="mt-1 flex flex-wrap gap-2" aria-label={title}>
          {scopes.map((s) => (
            <li key={s} className={`rounded px-2 py-0.5 font-mono text-xs ring-1 ring-inset ${look}`}>
              {tone === "lost" ? "− " : "+ "}
              {s}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">{none}</p>
      )}
    </div>
  );
}

/** What blocks a change, announced: the change cannot be confirmed while it shows. */
export function BlockingNotice({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <div role="alert" className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3" data-testid={testId}>
      <p className="text-sm font-semibold text-red-800">{title}</p>
      {children}
    </div>
  );
}
