// Where to send a person after signing in (or out): a path on this console, never another site. The
// one check for every callbackUrl: the sign-in page's and next-auth's redirect callback.
// Browsers drop tabs and newlines from URLs and read `\` as `/`, so "/\t/evil.example" and
// "/\evil.example" are "//evil.example", a link to another host: anything of the kind is refused, and
// what remains must resolve on our own origin.
const home = "/";
const probeOrigin = "https://console.invalid";
/** Pages a person is never sent back to: the sign-in page itself and next-auth's endpoints. */
const notTargets = [/^\/sign-in(\/|$|\?)/, /^\/api\//];

export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return home;
  // Control characters, backslashes and a second leading slash have no place in a path of ours.
  if (/[\u0000-\u001f\u007f\\]/.test(value) || !value.startsWith("/") || value.startsWith("//")) return home;
  let url: URL;
  try {
    url = new URL(value, probeOrigin);
  } catch {
    return home;
  }
  if (url.origin !== probeOrigin) return home;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The parser may have turned dot segments or escapes into a leading "//" again.
  if (path.startsWith("//") || notTargets.some((p) => p.test(path))) return home;
  return path;
}

/** For next-auth's redirect callback: a same-origin absolute URL or a safe path, else the console's home. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let candidate = url;
  try {
    const absolute = new URL(url);
    // Only our own origin; its path still goes through the same check.
    candidate = absolute.origin === base.origin ? `${absolute.pathname}${absolute.search}${absolute.hash}` : home;
  } catch {
    // Not absolute: a path, checked below.
  }
  return new URL(safeCallbackPath(candidate), base).toString();
}
