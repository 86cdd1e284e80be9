import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "./callback-url";

// Each value as it reaches us: the query string already decoded once, as searchParams give it.
const offSite = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/%09/evil.example".replace("%09", "\t"),
  "https://evil.example",
  "http:evil.example",
  "https:/evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "/\u0000/evil.example",
  "/..//evil.example",
  "/.//evil.example",
  "",
];

describe("callbackUrl", () => {
  it.each(offSite)("sends %j to the console's home, never off-site", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it.each([
    ["/licenses", "/licenses"],
    ["/licenses?status=active#top", "/licenses?status=active#top"],
    ["/tenants/ten_1/members", "/tenants/ten_1/members"],
    ["/a/../licenses", "/licenses"],
    // Still encoded, these are paths on our own host: browsers do not decode them into a host.
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
  ])("keeps the path %j as %j", (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
    expect(new URL(expected, "https://tessera.example").host).toBe("tessera.example");
  });

  it("never returns to the sign-in page or next-auth's endpoints", () => {
    for (const value of ["/sign-in", "/sign-in?callbackUrl=/x", "/api/auth/signout"]) expect(safeCallbackPath(value)).toBe("/");
    expect(safeCallbackPath("/sign-in-help")).toBe("/sign-in-help");
  });

  it("is refused when it is not a string or is absurdly long", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/licenses"])).toBe("/");
    expect(safeCallbackPath(`/${"a".repeat(3000)}`)).toBe("/");
  });
});

describe("next-auth's redirect callback", () => {
  const base = "https://tessera.example";
  it.each([...offSite, "https://tessera.example.evil.example/x", "https://evil.example/https://tessera.example"])("keeps %j on the console", (url) => {
    expect(new URL(safeRedirectUrl(url, base)).origin).toBe(base);
  });
  it("keeps a path of our own, relative or absolute", () => {
    expect(safeRedirectUrl("/licenses", base)).toBe("https://tessera.example/licenses");
    expect(safeRedirectUrl("https://tessera.example/licenses?x=1", base)).toBe("https://tessera.example/licenses?x=1");
    expect(safeRedirectUrl("https://tessera.example//evil.example", base)).toBe("https://tessera.example/");
  });
});
