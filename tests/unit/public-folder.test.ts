// The design card's public/ folder: every file in it is reachable without a session (the proxy would
// otherwise send a browser or a crawler to /sign-in), robots.txt keeps the console out of indexes but lets
// the trust page and security.txt be read, and the icons are what they say they are.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { config, publicPaths } from "@/proxy";

const root = path.resolve(import.meta.dirname, "../..");
const files = fs.readdirSync(path.join(root, "public"));
const matcher = new RegExp(`^${config.matcher[0].source}$`);

/** RFC 9309: the longest matching rule wins; Allow wins a tie. */
function allowed(robots: string, pathname: string): boolean {
  const rules = robots.split("\n").map((l) => l.replace(/#.*/, "").trim()).flatMap((l) => {
    const m = /^(allow|disallow):\s*(\S*)$/i.exec(l);
    return m ? [{ allow: m[1].toLowerCase() === "allow", prefix: m[2] }] : [];
  });
  const matching = rules.filter((r) => r.prefix && pathname.startsWith(r.prefix)).sort((a, b) => b.prefix.length - a.prefix.length || Number(b.allow) - Number(a.allow));
  return matching[0]?.allow ?? true;
}

describe("public/", () => {
  it("holds icons and robots.txt, each reachable without a session", () => {
    expect(files.sort()).toEqual(["apple-touch-icon.png", "favicon.ico", "icon.svg", "robots.txt"]);
    for (const file of files) {
      const pathname = `/${file}`;
      const skipsProxy = !matcher.test(pathname);
      expect(skipsProxy || publicPaths.some((p) => p.test(pathname)), pathname).toBe(true);
    }
  });

  it("robots.txt keeps every console page out of indexes, but not the trust page or security.txt", () => {
    const robots = fs.readFileSync(path.join(root, "public/robots.txt"), "utf8");
    expect(robots).toMatch(/^User-agent: \*$/m);
    for (const page of ["/", "/licenses", "/tokens", "/sign-in", "/api/dashboard", "/security"]) expect(allowed(robots, page), page).toBe(false);
    for (const page of ["/trust", "/.well-known/security.txt"]) expect(allowed(robots, page), page).toBe(true);
  });

  it("has icons in the formats browsers ask for", () => {
    const png = fs.readFileSync(path.join(root, "public/apple-touch-icon.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([180, 180]);
    const ico = fs.readFileSync(path.join(root, "public/favicon.ico"));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
    expect(fs.readFileSync(path.join(root, "public/icon.svg"), "utf8")).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});
