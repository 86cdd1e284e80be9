"use client";
// The bar above a data table: a search box and filter selects, wrapping onto lines on narrow screens.
import { useEffect, useId, useState } from "react";

export function TableToolbar({ children }: { children: React.ReactNode }) {
  return <div className="mb-3 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">{children}</div>;
}

/** A search box that reports its value after the person pauses typing. */
export function SearchBox({ label, value, onChange, placeholder }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string }) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text), 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1 sm:max-w-sm">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onChange(text);
        }}
        className="rounded-md border border-slate-400 bg-white px-3 py-2 text-base sm:text-sm"
      />
    </div>
  );
}

export function FilterSelect({
  label,
  value,
  onChange,
  options,
  allLabel = "All",
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  allLabel?: string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="rounded-md border border-slate-400 bg-white px-3 py-2 text-base sm:text-sm">
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Export CSV": a plain download link (the browser streams the file) of the selection the table shows. */
export function ExportLink({ href, label = "Export CSV", what }: { href: string; label?: string; what: string }) {
  return (
    <a
      href={href}
      download
      aria-label={`${label}: ${what}`}
      className="inline-flex items-center justify-center self-start rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100 sm:ml-auto sm:self-end"
    >
      {label}
    </a>
  );
}
