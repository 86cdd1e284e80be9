import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrCreateCheckpointKey } from "../../config/checkpoint-key";
import { genesisChainHash, nextChainHash } from "./chain-hash";
import { signCheckpoint, verifyCheckpoint } from "./checkpoint";
import type { ChainCursor, StoredLink } from "./check-link";
import { nextLink } from "./next-link";

const chainKey = randomBytes(32);
function chain(n: number): StoredLink[] {
  const links: StoredLink[] = [];
  let previous: ChainCursor = null;
  for (let i = 0; i < n; i++) {
    const link = nextLink(chainKey, previous, {
      id: randomUUID(), occurredAt: new Date(0).toISOString(), action: "license.revoke", outcome: "success",
      actor: { type: "user", id: "usr_1", label: "a@example.com" }, target: null, tenantId: null, sourceIp: null, requestId: null, data: { i },
    }, new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    links.push(link);
    previous = link;
  }
  return links;
}
const fold = (from: string, links: StoredLink[]) => links.reduce((h, l) => nextChainHash(h, l), from);

describe("audit checkpoints", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "checkpoint-key-"));
  const key = await loadOrCreateCheckpointKey(path.join(dir, "chain.key"));

  it("keeps the key beside the chain key, 0600, and reads the same key back", async () => {
    expect((await fs.stat(path.join(dir, "checkpoint.key"))).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateCheckpointKey(path.join(dir, "chain.key"))).publicJwk).toEqual(key.publicJwk);
    expect(JSON.parse(await fs.readFile(path.join(dir, "checkpoint-public.jwk"), "utf8"))).toEqual(key.publicJwk);
  });

  it("lets anyone with the public key check a segment between two checkpoints, without the chain key", async () => {
    const links = chain(20);
    const at = new Date().toISOString();
    const a = await signCheckpoint(key, { v: 1, seq: 8, mac: links[7].mac, chainHash: fold(genesisChainHash, links.slice(0, 8)), at });
    const b = await signCheckpoint(key, { v: 1, seq: 20, mac: links[19].mac, chainHash: fold(genesisChainHash, links), at });
    const [start, end] = [await verifyCheckpoint(a, key.publicJwk), await verifyCheckpoint(b, key.publicJwk)];
    const segment = links.slice(8);
    expect(segment[0].prevMac).toBe(start.mac);
    expect(fold(start.chainHash, segment)).toBe(end.chainHash);
    // A changed, dropped or reordered event in the segment does not fold to the signed hash.
    const edited = segment.map((l, i) => (i === 3 ? { ...l, canonical: l.canonical.replace('"i":11', '"i":99') } : l));
    expect(fold(start.chainHash, edited)).not.toBe(end.chainHash);
    expect(fold(start.chainHash, segment.slice(0, -1))).not.toBe(end.chainHash);
    expect(fold(start.chainHash, [segment[1], segment[0], ...segment.slice(2)])).not.toBe(end.chainHash);
  });

  it("refuses a checkpoint signed by another key or altered", async () => {
    const other = await loadOrCreateCheckpointKey(path.join(dir, "other", "chain.key"));
    const jws = await signCheckpoint(other, { v: 1, seq: 1, mac: "a".repeat(64), chainHash: "b".repeat(64), at: new Date().toISOString() });
    await expect(verifyCheckpoint(jws, key.publicJwk)).rejects.toThrow();
    const [h, p, s] = (await signCheckpoint(key, { v: 1, seq: 1, mac: "a".repeat(64), chainHash: "b".repeat(64), at: new Date().toISOString() })).split(".");
    const forged = Buffer.from(Buffer.from(p, "base64url").toString().replace('"seq":1', '"seq":2')).toString("base64url");
    await expect(verifyCheckpoint(`${h}.${forged}.${s}`, key.publicJwk)).rejects.toThrow();
  });
});
