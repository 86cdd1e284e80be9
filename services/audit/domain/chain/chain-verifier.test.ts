import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../../../contracts/audit-api";
import { createChainVerifier } from "./chain-verifier";
import type { ChainCursor, StoredLink } from "./check-link";
import { computeMac } from "./compute-mac";
import { nextLink } from "./next-link";

const key = randomBytes(32);

function event(i: number): AuditEvent {
  return {
    id: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    action: "license.revoke",
    outcome: "success",
    actor: { type: "user", id: `usr_${i}`, label: `user${i}@example.com` },
    target: { type: "license", id: `lic_${i}` },
    tenantId: i % 2 ? "ten_a" : "ten_b",
    sourceIp: "192.0.2.1",
    requestId: `req-${i}`,
    data: { reason: "test", n: i },
  };
}

function chain(n: number, chainKey = key): StoredLink[] {
  const links: StoredLink[] = [];
  let previous: ChainCursor = null;
  for (let i = 0; i < n; i++) {
    const link = nextLink(chainKey, previous, event(i), new Date(Date.UTC(2026, 0, 2, 0, 0, i)));
    links.push(link);
    previous = link;
  }
  return links;
}

function verify(links: StoredLink[], chainKey = key) {
  const verifier = createChainVerifier(chainKey);
  links.forEach(verifier.add);
  return verifier.verdict();
}

describe("audit chain", () => {
  it("verifies an untouched chain and counts its events", () => {
    expect(verify(chain(10))).toEqual({ ok: true, count: 10, firstBrokenSeq: null });
    expect(verify([])).toEqual({ ok: true, count: 0, firstBrokenSeq: null });
  });

  it("links each MAC to the one before it, starting from seq 1", () => {
    const links = chain(3);
    expect(links.map((l) => l.seq)).toEqual([1n, 2n, 3n]);
    expect(links[1].prevMac).toBe(links[0].mac);
    expect(links[2].prevMac).toBe(links[1].mac);
  });

  it("finds a changed payload at its own seq", () => {
    const links = chain(10);
    links[4] = { ...links[4], canonical: links[4].canonical.replace('"reason":"test"', '"reason":"edited"') };
    expect(verify(links)).toEqual({ ok: false, count: 10, firstBrokenSeq: 5 });
  });

  it("finds a replaced MAC at its own seq, even one recomputed without the key", () => {
    const links = chain(10);
    links[6] = { ...links[6], mac: computeMac(randomBytes(32), links[6]) };
    expect(verify(links).firstBrokenSeq).toBe(7);
  });

  it("finds a payload change whose MAC was recomputed with the key at the next seq", () => {
    const links = chain(10);
    const edited = { ...links[2], canonical: links[2].canonical.replace('"n":2', '"n":99') };
    links[2] = { ...edited, mac: computeMac(key, edited) };
    expect(verify(links).firstBrokenSeq).toBe(4);
  });

  it("finds a removed event, a reordering and a changed receipt time", () => {
    const removed = chain(10);
    removed.splice(3, 1);
    expect(verify(removed).firstBrokenSeq).toBe(5);

    const swapped = chain(10);
    [swapped[5], swapped[6]] = [swapped[6], swapped[5]];
    expect(verify(swapped).firstBrokenSeq).toBe(7);

    const retimed = chain(10);
    retimed[8] = { ...retimed[8], receivedAt: new Date(retimed[8].receivedAt.getTime() + 1) };
    expect(verify(retimed).firstBrokenSeq).toBe(9);
  });

  it("finds a filter column that no longer matches the event it copies", () => {
    const links = chain(5);
    links[1] = { ...links[1], tenantId: "ten_other" };
    expect(verify(links).firstBrokenSeq).toBe(2);
    const retargeted = chain(5);
    retargeted[3] = { ...retargeted[3], targetId: "lic_other" };
    expect(verify(retargeted).firstBrokenSeq).toBe(4);
    const reattributed = chain(5);
    reattributed[2] = { ...reattributed[2], actorId: "usr_other" };
    expect(verify(reattributed).firstBrokenSeq).toBe(3);
    const redated = chain(5);
    redated[4] = { ...redated[4], occurredAt: new Date(0) };
    expect(verify(redated).firstBrokenSeq).toBe(5);
  });

  it("does not verify under another key", () => {
    expect(verify(chain(3), randomBytes(32)).firstBrokenSeq).toBe(1);
  });
});
