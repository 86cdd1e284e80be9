// Checks one stored event against its predecessor: the pure rule behind chain verification.
import { canonicalJson } from "./canonical-json";
import { computeMac, genesisMac, type ChainLink } from "./compute-mac";
import { timingSafeEqual } from "node:crypto";

export type StoredLink = ChainLink & {
  id: string;
  action: string;
  tenantId: string | null;
  targetType: string | null;
  targetId: string | null;
  actorId: string | null;
  occurredAt: Date | null;
  mac: string;
};

/** What the previous link left behind; `null` before the first event. */
export type ChainCursor = { seq: bigint; mac: string } | null;

/** True when `link` follows `previous` (no gap, right prevMac), its MAC is right and its columns match its JSON. */
export function isLinkIntact(chainKey: Buffer, previous: ChainCursor, link: StoredLink): boolean {
  const expectedSeq = previous ? previous.seq + 1n : 1n;
  const expectedPrev = previous ? previous.mac : genesisMac;
  if (link.seq !== expectedSeq || link.prevMac !== expectedPrev) return false;
  if (!sameHex(computeMac(chainKey, link), link.mac)) return false;
  return columnsMatchCanonical(link);
}

// The filter columns are copies of fields in the MAC-covered JSON; a changed copy would make listings lie.
function columnsMatchCanonical(link: StoredLink): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(link.canonical);
  } catch {
    return false;
  }
  if (typeof parsed !== "object" || parsed === null) return false;
  const event = parsed as { id?: unknown; action?: unknown; tenantId?: unknown; target?: { type?: unknown; id?: unknown } | null; actor?: { id?: unknown } | null; occurredAt?: unknown };
  return (
    event.id === link.id &&
    event.action === link.action &&
    (event.tenantId ?? null) === link.tenantId &&
    (event.target?.type ?? null) === link.targetType &&
    (event.target?.id ?? null) === link.targetId &&
    (event.actor?.id ?? null) === link.actorId &&
    typeof event.occurredAt === "string" &&
    Date.parse(event.occurredAt) === link.occurredAt?.getTime() &&
    canonicalJson(parsed) === link.canonical
  );
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
