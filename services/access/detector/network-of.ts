// The network an address belongs to, as the detector learns it: an IPv4 /24 or an IPv6 /48 (one site's
// addresses change within these, a different organisation's do not). IPv4-mapped IPv6 counts as IPv4.
import { isIPv4, isIPv6 } from "node:net";

export function networkOf(address: string | null): string | null {
  if (!address) return null;
  const plain = address.startsWith("::ffff:") && isIPv4(address.slice(7)) ? address.slice(7) : address;
  if (isIPv4(plain)) return `${plain.split(".").slice(0, 3).join(".")}.0/24`;
  if (isIPv6(plain)) {
    const [left = "", right = ""] = plain.split("::");
    const l = left ? left.split(":") : [];
    const r = right ? right.split(":") : [];
    const full = plain.includes("::") ? [...l, ...new Array<string>(8 - l.length - r.length).fill("0"), ...r] : l;
    return `${full.slice(0, 3).map((g) => g.toLowerCase().replace(/^0+(?=.)/, "")).join(":")}::/48`;
  }
  return null;
}
