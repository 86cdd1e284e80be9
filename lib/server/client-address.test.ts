import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyHops } from "./access-client";

describe("the browser's address", () => {
  it("with no proxy (the default) is the TCP peer, whatever X-Forwarded-For the browser sent", () => {
    expect(clientAddress({ forwardedFor: "6.6.6.6", peer: "198.51.100.4" }, 0)).toBe("198.51.100.4");
    expect(clientAddress({ forwardedFor: "6.6.6.6, 7.7.7.7", peer: "198.51.100.4" }, 0)).toBe("198.51.100.4");
    expect(clientAddress({ forwardedFor: null, peer: "::ffff:198.51.100.4" }, 0)).toBe("198.51.100.4");
    expect(clientAddress({ forwardedFor: null, peer: "2001:db8::1" }, 0)).toBe("2001:db8::1");
  });
  it("with no proxy and no recorded peer (plain `next start`) is unknown rather than the browser's claim", () => {
    expect(clientAddress({ forwardedFor: "6.6.6.6", peer: null }, 0)).toBeUndefined();
  });
  it("behind one proxy is the entry that proxy appended, not what the browser claims", () => {
    expect(clientAddress({ forwardedFor: "6.6.6.6, 198.51.100.4", peer: "10.0.0.2" }, 1)).toBe("198.51.100.4");
    expect(clientAddress({ forwardedFor: "198.51.100.4", peer: "10.0.0.2" }, 1)).toBe("198.51.100.4");
    // Plain `next start` behind a proxy: no peer header, the proxy's entry is the last.
    expect(clientAddress({ forwardedFor: "6.6.6.6, 198.51.100.4", peer: null }, 1)).toBe("198.51.100.4");
  });
  it("counts several trusted proxies from the right", () => {
    expect(clientAddress({ forwardedFor: "6.6.6.6, 198.51.100.4, 10.0.0.2", peer: "10.0.0.3" }, 2)).toBe("198.51.100.4");
  });
  it("is unknown when the entry is not an address", () => {
    expect(clientAddress({ forwardedFor: null, peer: null }, 1)).toBeUndefined();
    expect(clientAddress({ forwardedFor: "evil<script>", peer: "10.0.0.2" }, 1)).toBeUndefined();
  });
  it("reads WEB_TRUSTED_PROXY_HOPS as a whole number of proxies, anything else as none", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("2")).toBe(2);
    for (const bad of ["-1", "1.5", "lots", "11"]) expect(trustedProxyHops(bad)).toBe(0);
  });
});
