"use client";
// A table's state (search, filters, sort, page cursors, page size) kept in the address's query string,
// so Back, reload and a bookmark bring the same view back. Writes go through the History API, which the
// App Router follows (useSearchParams updates without a server round trip). All writes made in one tick
// (a filter change and the page reset it causes) become one history entry, so Back undoes them together.
import { useCallback } from "react";
import { useSearchParams } from "next/navigation";

export type ParamPatch = Record<string, string | readonly string[] | null | undefined>;

let pushedThisTick = false;

/** Applies `patch` to the current query string (null, undefined, "" or [] removes a key); `replace`: in place, leaving no history entry (for what must not be gone Back to). */
export function writeSearchParams(patch: ParamPatch, options: { replace?: boolean } = {}): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(patch)) {
    params.delete(key);
    if (typeof value === "string") {
      if (value !== "") params.set(key, value);
    } else if (value) for (const v of value) params.append(key, v);
  }
  const search = params.toString();
  const url = `${window.location.pathname}${search ? `?${search}` : ""}${window.location.hash}`;
  if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
  if (pushedThisTick || options.replace) window.history.replaceState(null, "", url);
  else {
    window.history.pushState(null, "", url);
    pushedThisTick = true;
    queueMicrotask(() => {
      pushedThisTick = false;
    });
  }
}

/** The name a table's key takes in the address: `licenses.status`, or `status` for a page's only table. */
export const paramName = (table: string | undefined, key: string) => (table ? `${table}.${key}` : key);

/** A string state in the address, used like useState: [value, setValue]; the default leaves no trace. */
export function useUrlParam(name: string, fallback = ""): [string, (value: string) => void] {
  const params = useSearchParams();
  const value = params?.get(name) ?? fallback;
  // An empty choice over a non-empty default ("All" over "Open") stays in the address as `name=`.
  const set = useCallback((next: string) => writeSearchParams({ [name]: next === fallback ? null : next === "" ? [""] : next }), [name, fallback]);
  return [value, set];
}

/** Several keys at once as one object (an audit log's filters), written together. */
export function useUrlParams<K extends string>(names: readonly K[]): [Record<K, string>, (patch: Partial<Record<K, string>>) => void] {
  const params = useSearchParams();
  const values = Object.fromEntries(names.map((n) => [n, params?.get(n) ?? ""])) as Record<K, string>;
  const set = useCallback((patch: Partial<Record<K, string>>) => writeSearchParams(patch), []);
  return [values, set];
}

export type UrlSort = { field: string; order: "asc" | "desc" };

/** A sort in the address as `sort=field.order`; anything else there reads as the default. */
export function useUrlSort<S extends UrlSort>(fallback: S, table?: string, fields?: readonly string[]): [S, (sort: S) => void] {
  const name = paramName(table, "sort");
  const [raw, setRaw] = useUrlParam(name, `${fallback.field}.${fallback.order}`);
  const dot = raw.lastIndexOf(".");
  const field = raw.slice(0, dot);
  const order = raw.slice(dot + 1);
  const valid = dot > 0 && (order === "asc" || order === "desc") && (!fields || fields.includes(field));
  const sort = (valid ? { field, order } : fallback) as S;
  const set = useCallback((next: S) => setRaw(`${next.field}.${next.order}`), [setRaw]);
  return [sort, set];
}
