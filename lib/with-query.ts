// `path?a=1&b=2` from a record, leaving out empty values. Pure: used by browser and server code alike.
export function withQuery(path: string, query: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if ((typeof v === "string" && v !== "") || typeof v === "number" || typeof v === "boolean") params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** One URL path segment, encoded. */
export const seg = (value: string) => encodeURIComponent(value);
