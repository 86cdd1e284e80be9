import { createPublicKey, sign, verify } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { calculateJwkThumbprint } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSigningKeys, maxCertificateLifetimeSeconds, publicJwks, rotateSigningKey, signingKeyFile } from "./signing-keys";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-signing-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const day = 24 * 3600 * 1000;

describe("license-signing key ring", () => {
  it("creates one Ed25519 key on first use, in a file only the owner can read, and reloads the same key", async () => {
    const first = await loadSigningKeys(path.join(dir, "keys"));
    const file = signingKeyFile(path.join(dir, "keys"));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.current.privateKey.asymmetricKeyType).toBe("ed25519");
    expect(first.published().map((k) => k.kid)).toEqual([first.current.kid]);
    expect((await loadSigningKeys(path.join(dir, "keys"))).current.kid).toBe(first.current.kid);
  });

  it("names each key by its RFC 7638 thumbprint and publishes only public halves", async () => {
    const ring = await loadSigningKeys(dir);
    const [jwk] = publicJwks(ring).keys;
    expect(jwk).toEqual({ kty: "OKP", crv: "Ed25519", x: expect.any(String), kid: ring.current.kid, alg: "EdDSA", use: "sig" });
    expect(await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk.x })).toBe(jwk.kid);
    expect(JSON.stringify(publicJwks(ring))).not.toContain('"d"');
    // the published half verifies what the private half signs
    const signature = sign(null, Buffer.from("tessera"), ring.current.privateKey);
    expect(verify(null, Buffer.from("tessera"), createPublicKey({ key: jwk, format: "jwk" }), signature)).toBe(true);
  });

  it("rotation adds a new current key and keeps the old public key published for the longest certificate life", async () => {
    const before = await loadSigningKeys(dir);
    const now = new Date();
    const rotated = await rotateSigningKey(dir, now);
    expect(rotated.previousKid).toBe(before.current.kid);
    const after = await loadSigningKeys(dir);
    expect(after.current.kid).toBe(rotated.kid);
    expect(after.current.kid).not.toBe(before.current.kid);
    const old = after.published().find((k) => k.kid === before.current.kid)!;
    expect(old.retiredAt?.toISOString()).toBe(now.toISOString());
    expect(old.retireAfter!.getTime() - now.getTime()).toBeGreaterThanOrEqual(maxCertificateLifetimeSeconds * 1000);
    expect(publicJwks(after).keys.map((k) => k.kid)).toEqual([rotated.kid, before.current.kid]);
    // once every certificate it could have signed has expired, it leaves the JWKS…
    expect(publicJwks(after, new Date(old.retireAfter!.getTime() + 1)).keys.map((k) => k.kid)).toEqual([rotated.kid]);
    // …and the next rotation after that drops it from the file
    await rotateSigningKey(dir, new Date(old.retireAfter!.getTime() + day));
    const stored = JSON.parse(fs.readFileSync(signingKeyFile(dir), "utf8")) as { keys: { kid: string }[] };
    expect(stored.keys.map((k) => k.kid)).not.toContain(before.current.kid);
    expect(stored.keys).toHaveLength(2);
    expect(fs.statSync(signingKeyFile(dir)).mode & 0o777).toBe(0o600);
  });

  it("refuses a file made for another purpose or with a mismatched key pair", async () => {
    const ring = await loadSigningKeys(dir);
    const file = signingKeyFile(dir);
    const stored = JSON.parse(fs.readFileSync(file, "utf8")) as { purpose: string; keys: { privateJwk: { x: string } }[] };
    fs.writeFileSync(file, JSON.stringify({ ...stored, purpose: "storage" }));
    await expect(loadSigningKeys(dir)).rejects.toThrow(/not a license-signing key file/);
    const other = await loadSigningKeys(fs.mkdtempSync(path.join(dir, "other-")));
    stored.keys[0].privateJwk.x = other.current.publicJwk.x;
    fs.writeFileSync(file, JSON.stringify(stored));
    await expect(loadSigningKeys(dir)).rejects.toThrow(/does not match/);
    expect(ring.current.kid).toBeTruthy();
  });
});
