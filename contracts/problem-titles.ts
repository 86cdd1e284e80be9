// The generic `title` of each problem status, shared by the services, the web tier and the browser. Free of
// zod on purpose: the browser imports it before the console turns zod's JIT off (components/providers.tsx),
// and a zod object built earlier would probe eval, which the CSP reports.
/** The generic `title` of each status, the same at the services and the web tier. */
export const problemTitles: Readonly<Record<number, string>> = {
  400: "Bad request", 401: "Not signed in", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
  409: "Conflict", 410: "Gone", 413: "Payload too large", 415: "Unsupported media type", 422: "Invalid fields",
  431: "Request header fields too large",
  429: "Too many requests", 500: "Internal error", 502: "Bad gateway", 503: "Unavailable",
};

export function problemTitle(status: number): string {
  return problemTitles[status] ?? (status >= 500 ? "Error" : "Bad request");
}

