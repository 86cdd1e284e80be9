// A browser and system named from a User-Agent header, to tell a person's sessions apart ("Firefox 128",
// "Windows"). Deliberately small: the browsers and systems people sign in from, major versions only, and
// null for what it does not recognise. Pure, no package (the User-Agent is free text; nothing trusts it).

export type Device = { browser: string | null; system: string | null };

/** First match wins: the order matters (Edge and Opera also say "Chrome", Chrome also says "Safari"). */
const browsers: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/\b(?:OPR|Opera)\/(\d+)/, "Opera"],
  [/\bSamsungBrowser\/(\d+)/, "Samsung Internet"],
  [/\bVivaldi\/(\d+)/, "Vivaldi"],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, "Firefox"],
  [/\bHeadlessChrome\/(\d+)/, "Chrome (headless)"],
  [/\b(?:Chrome|CriOS|Chromium)\/(\d+)/, "Chrome"],
  [/\bVersion\/(\d+)(?:\.\d+)*(?: Mobile\/\S+)? Safari\//, "Safari"],
  [/\bcurl\/(\d+)/, "curl"],
];

const systems: [RegExp, string][] = [
  [/\bWindows NT 10\.0\b/, "Windows"],
  [/\bWindows NT 6\.3\b/, "Windows 8.1"],
  [/\bWindows NT 6\.1\b/, "Windows 7"],
  [/\bWindows\b/, "Windows"],
  [/\b(?:iPhone|iPod)\b/, "iOS"],
  [/\biPad\b/, "iPadOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\b(?:Macintosh|Mac OS X)\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

/** Long enough for any real browser's header; anything longer is cut before it is read. */
export const maxUserAgentLength = 512;

export function describeUserAgent(userAgent: string | null | undefined): Device {
  const ua = (userAgent ?? "").slice(0, maxUserAgentLength);
  if (!ua.trim()) return { browser: null, system: null };
  const browserMatch = browsers.find(([pattern]) => pattern.test(ua));
  const version = browserMatch ? ua.match(browserMatch[0])?.[1] : undefined;
  const browser = browserMatch ? `${browserMatch[1]}${version ? ` ${version}` : ""}` : null;
  const system = systems.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  return { browser, system };
}

/** "Firefox 128 on Windows", "Safari on iOS", "an unknown browser". */
export function deviceLabel(device: Device): string {
  if (device.browser && device.system) return `${device.browser} on ${device.system}`;
  return device.browser ?? (device.system ? `a browser on ${device.system}` : "an unknown browser");
}
