"use client";
// Cursor pagination: Previous / Next and a page-size choice. The cursor history lives in useCursorPages.
import { useCallback, useState } from "react";
import { Button } from "./button";

export const pageSizes = [10, 25, 50, 100] as const;

/** Remembers the cursors of the pages seen so far, so "Previous" can go back without offsets. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length;
  return {
    cursor: cursors[cursors.length - 1],
    page,
    next: useCallback((nextCursor: string) => setCursors((c) => [...c, nextCursor]), []),
    previous: useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []),
    reset: useCallback(() => setCursors([undefined]), []),
  };
}

type PaginationProps = {
  page: number;
  nextCursor: string | null | undefined;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  pageSize: number;
  onPageSizeChange: (size: number) => void;
  summary?: React.ReactNode;
  label: string;
};

export function Pagination({ page, nextCursor, onNext, onPrevious, pageSize, onPageSizeChange, summary, label }: PaginationProps) {
  const sizeId = `${label.replace(/\W+/g, "-").toLowerCase()}-page-size`;
  return (
    <nav aria-label={`${label} pages`} className="mt-3 flex flex-col gap-3 text-sm sm:flex-row sm:items-center sm:justify-between">
      <p className="text-slate-700" aria-live="polite">
        Page {page}
        {summary ? <> · {summary}</> : null}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={sizeId} className="text-slate-700">
          Rows per page
        </label>
        <select
          id={sizeId}
          value={pageSize}
          onChange={(e) => onPageSizeChange(Number(e.target.value))}
          className="rounded-md border border-slate-400 bg-white px-2 py-1.5"
        >
          {pageSizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <Button type="button" variant="secondary" size="sm" onClick={onPrevious} disabled={page <= 1}>
          Previous
        </Button>
        <Button type="button" variant="secondary" size="sm" onClick={() => nextCursor && onNext(nextCursor)} disabled={!nextCursor}>
          Next
        </Button>
      </div>
    </nav>
  );
}
