// Pieces of the public trust page (server-rendered, no client state): which version a part shows and since
// when, the versions and pending changes of a document, and a data element as a small card (readable at
// 390 px and on paper without a scrolling table).
import type { DataElement, DocumentVersionDto, TrustPartDto } from "@/contracts/trust-api";
import { formatDate } from "@/lib/format";

/** "Version 3, in effect since 2 Dec 2026", or what appears when nothing is published. */
export function VersionLine({ part, noun }: { part: TrustPartDto; noun: string }) {
  if (!part.current) return <p className="text-sm text-slate-700">No version of the {noun} is in effect yet.</p>;
  return (
    <p className="text-sm text-slate-700">
      Version {part.current.version}, in effect since <time dateTime={part.current.effectiveAt}>{formatDate(part.current.effectiveAt)}</time>.
    </p>
  );
}

/** Versions published but not yet in effect: each with its date, so a district sees a change coming. */
export function PendingChanges({ part, noun }: { part: TrustPartDto; noun: string }) {
  const pending = part.versions.filter((v) => part.current === null || v.version > part.current.version);
  if (pending.length === 0) return null;
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p className="font-semibold">Announced changes to the {noun}</p>
      <ul className="mt-1 list-disc pl-5">
        {pending.map((v) => (
          <li key={v.id}>
            Version {v.version} takes effect on <time dateTime={v.effectiveAt}>{formatDate(v.effectiveAt)}</time>: {v.summary}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The change log: every version with what changed, when it was published and when it takes effect. */
export function ChangeLog({ versions, label }: { versions: DocumentVersionDto[]; label: string }) {
  if (versions.length === 0) return null;
  return (
    <details className="rounded-md border border-slate-200 bg-white px-4 py-2 print:border-0 print:px-0" open={false}>
      <summary className="cursor-pointer text-sm font-medium text-indigo-800">{label} ({versions.length})</summary>
      <ol className="mt-2 space-y-1 text-sm">
        {versions.map((v) => (
          <li key={v.id}>
            <span className="font-medium">Version {v.version}</span> · published {formatDate(v.publishedAt)} · takes effect {formatDate(v.effectiveAt)}
            {v.material ? " · material change, announced to every district" : ""} — {v.summary}
          </li>
        ))}
      </ol>
    </details>
  );
}

export function ElementCard({ item, headingLevel = 4 }: { item: DataElement; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <li className="break-inside-avoid rounded-md border border-slate-200 bg-white p-3">
      <Heading className="font-medium">{item.element}</Heading>
      <dl className="mt-1 grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-slate-700">Category</dt>
        <dd>{item.category}</dd>
        <dt className="text-slate-700">Why</dt>
        <dd>{item.purpose}</dd>
        <dt className="text-slate-700">How long</dt>
        <dd>{item.retention}</dd>
        <dt className="text-slate-700">Who else receives it</dt>
        <dd>{item.recipients}</dd>
      </dl>
    </li>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="space-y-3 print:break-inside-auto">
      <h2 id={`${id}-title`} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
