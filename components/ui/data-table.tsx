"use client";
// A data table with sortable headers (aria-sort), and loading, empty and error states in place of rows.
// Scrolls sideways inside its own box on narrow screens rather than widening the page; the box is a
// labelled region that takes focus, so a keyboard can scroll it too (WCAG 2.1.1, axe scrollable-region-focusable).
// The "actions" column stays pinned to the box's right edge, so a row's buttons are never scrolled out of
// reach at any width; while another page loads, a progress bar shows over the rows still on screen.
import { EmptyState, ErrorState, LoadingState } from "./states";

export type Column<T> = {
  key: string;
  header: string;
  cell: (row: T) => React.ReactNode;
  /** Makes the header a sort button for this field. */
  sortField?: string;
  className?: string;
  /** Keeps the column at the box's right edge while the rest scrolls (default: the column keyed "actions"). */
  pinned?: boolean;
};

export type SortState = { field: string; order: "asc" | "desc" };

/** The react-query result the rows come from: whether it is fetching, its error, and how to retry. */
export type TableQuery = { isFetching: boolean; error: unknown; refetch: () => unknown };

type DataTableProps<T> = {
  caption: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  sort?: SortState;
  onSortChange?: (sort: SortState) => void;
  query?: TableQuery;
  empty: { title: string; body?: React.ReactNode };
};

export function DataTable<T>({ caption, columns, rows, rowKey, sort, onSortChange, query, empty }: DataTableProps<T>) {
  const loading = query?.isFetching ?? false;
  if (query?.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} what={`load the ${caption.toLowerCase()}`} />;
  if (!rows && loading) return <LoadingState />;
  if (rows && rows.length === 0) return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
  return (
    <div
      role="region"
      data-table={caption}
      aria-label={caption}
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
      aria-busy={loading || undefined}
    >
      {loading && rows ? <TableProgress caption={caption} /> : null}
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((col) => (
              <HeaderCell key={col.key} column={col} sort={sort} onSortChange={onSortChange} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {(rows ?? []).map((row) => (
            <tr key={rowKey(row)} className={`group hover:bg-slate-50 ${loading ? "opacity-60" : ""}`}>
              {columns.map((col) => (
                <td key={col.key} data-row-actions={isPinned(col) || undefined} className={`px-3 py-2 align-top ${isPinned(col) ? pinnedCell : ""} ${col.className ?? ""}`}>
                  {col.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const isPinned = <T,>(col: Column<T>) => col.pinned ?? col.key === "actions";
const pinnedCell = "sticky right-0 z-[1] bg-white shadow-[-1px_0_0_0_var(--color-slate-200)] group-hover:bg-slate-50";

/** An indeterminate bar across the top of the box while the next rows are on their way. */
function TableProgress({ caption }: { caption: string }) {
  return (
    <div role="progressbar" aria-label={`Loading ${caption.toLowerCase()}`} className="sticky left-0 top-0 h-1 w-full overflow-hidden bg-indigo-100">
      <div className="h-full w-1/3 animate-[table-progress_1.2s_ease-in-out_infinite] bg-indigo-600 motion-reduce:w-full motion-reduce:animate-none" />
    </div>
  );
}

function HeaderCell<T>({ column, sort, onSortChange }: { column: Column<T>; sort?: SortState; onSortChange?: (s: SortState) => void }) {
  const base = `whitespace-nowrap px-3 py-2 font-semibold text-slate-800 ${isPinned(column) ? "sticky right-0 z-[1] bg-slate-50 shadow-[-1px_0_0_0_var(--color-slate-200)]" : ""}`;
  if (!column.sortField || !onSortChange) {
    return (
      <th scope="col" className={base}>
        {column.header}
      </th>
    );
  }
  const active = sort?.field === column.sortField;
  const ariaSort = active ? (sort!.order === "asc" ? "ascending" : "descending") : "none";
  const nextOrder = active && sort!.order === "asc" ? "desc" : "asc";
  return (
    <th scope="col" className={base} aria-sort={ariaSort}>
      <button
        type="button"
        onClick={() => onSortChange({ field: column.sortField!, order: active ? nextOrder : "asc" })}
        className="inline-flex items-center gap-1 rounded px-1 hover:bg-slate-200"
      >
        {column.header}
        <span aria-hidden="true" className={active ? "text-indigo-700" : "text-slate-400"}>
          {active ? (sort!.order === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}
