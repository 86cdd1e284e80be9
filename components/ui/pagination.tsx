"use client";
// Cursor pagination: Previous / Next and a page-size choice. The paging state lives in useTablePages, in the address.
import { useCallback } from "react";
import { useSearchParams } from "next/navigation";
import { Button } from "./button";
import { paramName, writeSearchParams } from "./url-state";

export const pageSizes = [10, 25, 50, 100] as const;

/**
 * The paging state of a table, kept in the address (url-state.ts) so Back and reload return to the same
 * page: the cursors of the pages seen so far (so "Previous" can go back without offsets) and the page
 * size. `resetting(set)` wraps a filter or sort setter so that any change starts again at the first page,
 * because a cursor belongs to one query. `table` names the keys when a page shows more than one table.
 */
export function useTablePages(initialLimit = 25, table?: string) {
  const params = useSearchParams();
  const cursorKey = paramName(table, "cursor");
  const limitKey = paramName(table, "limit");
  const cursors = params?.getAll(cursorKey) ?? [];
  const asked = Number(params?.get(limitKey));
  const limit = (pageSizes as readonly number[]).includes(asked) ? asked : initialLimit;
  const reset = useCallback(() => writeSearchParams({ [cursorKey]: null }), [cursorKey]);
  const resetting =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      reset();
    };
  const setLimit = useCallback((n: number) => writeSearchParams({ [limitKey]: n === initialLimit ? null : String(n), [cursorKey]: null }), [limitKey, cursorKey, initialLimit]);
  const joined = cursors.join("\n");
  return {
    cursor: cursors[cursors.length - 1] as string | undefined,
    page: cursors.length + 1,
    next: useCallback((nextCursor: string) => writeSearchParams({ [cursorKey]: [...(joined ? joined.split("\n") : []), nextCursor] }), [cursorKey, joined]),
    previous: useCallback(() => writeSearchParams({ [cursorKey]: joined ? joined.split("\n").slice(0, -1) : null }), [cursorKey, joined]),
    limit,
    setLimit,
    resetting,
  };
}

type PaginationProps = {
  label: string;
  pages: ReturnType<typeof useTablePages>;
  nextCursor: string | null | undefined;
  summary?: React.ReactNode;
};

export function Pagination({ label, pages, nextCursor, summary }: PaginationProps) {
  const { page, next, previous, limit, setLimit } = pages;
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
        <select id={sizeId} value={limit} onChange={(e) => setLimit(Number(e.target.value))} className="rounded-md border border-slate-400 bg-white px-2 py-1.5">
          {pageSizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <Button type="button" variant="secondary" size="sm" onClick={previous} disabled={page <= 1}>
          Previous
        </Button>
        <Button type="button" variant="secondary" size="sm" onClick={() => nextCursor && next(nextCursor)} disabled={!nextCursor}>
          Next
        </Button>
      </div>
    </nav>
  );
}
