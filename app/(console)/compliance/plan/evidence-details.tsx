// A check's structured evidence, folded: each top-level fact on its own line, nested ones as indented JSON.
export function EvidenceDetails({ evidence }: { evidence: Record<string, unknown> }) {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return null;
  return (
    <details className="mt-2">
      <summary className="cursor-pointer font-semibold text-indigo-800">Evidence</summary>
      <dl className="mt-2 space-y-2">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt className="font-mono text-xs font-semibold">{key}</dt>
            <dd className="mt-0.5">
              {value !== null && typeof value === "object" ? (
                <pre className="overflow-x-auto whitespace-pre-wrap break-words rounded bg-white p-2 font-mono text-xs">{JSON.stringify(value, null, 2)}</pre>
              ) : (
                <span className="break-words">{String(value)}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
