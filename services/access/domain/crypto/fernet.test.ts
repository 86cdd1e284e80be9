// The Fernet codec against the spec's published vectors and against Python's `cryptography` Fernet, both directions.
import { createCipheriv, createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { assertPythonFernetAvailable, pythonFernet, pythonFernetKey } from "../../../../tests/support/python-fernet";
import { fernetDecrypt, fernetEncrypt, generateFernetKey, InvalidFernetToken, parseFernetKey, type FernetFailure } from "./fernet";

const reasonOf = (fn: () => unknown): FernetFailure | "none" => {
  try {
    fn();
    return "none";
  } catch (e) {
    if (e instanceof InvalidFernetToken) return e.reason;
    throw e;
  }
};

// Source: github.com/fernet/spec generate.json and verify.json (the version 0x80 entries).
const specSecret = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
const specToken = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";

// Source: github.com/fernet/spec invalid.json (all with ttl_sec 60 and the secret above); `reason` is ours.
const specNow = "1985-10-26T01:20:01-07:00";
const specInvalid: { desc: string; token: string; now: string; reason: FernetFailure }[] = [
  { desc: "incorrect mac", reason: "bad-mac", now: specNow, token: "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykQUFBQUFBQUFBQQ==" },
  { desc: "too short", reason: "too-short", now: specNow, token: "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPA==" },
  { desc: "invalid base64", reason: "bad-base64", now: specNow, token: "%%%%%%%%%%%%%AECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q==" },
  { desc: "payload size not multiple of block size", reason: "bad-length", now: specNow, token: "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPOm73QeoCk9uGib28Xe5vz6oxq5nmxbx_v7mrfyudzUm" },
  { desc: "payload padding error", reason: "bad-padding", now: specNow, token: "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0ODz4LEpdELGQAad7aNEHbf-JkLPIpuiYRLQ3RtXatOYREu2FWke6CnJNYIbkuKNqOhw==" },
  { desc: "far-future TS (unacceptable clock skew)", reason: "future-timestamp", now: specNow, token: "gAAAAAAdwStRAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAnja1xKYyhd-Y6mSkTOyTGJmw2Xc2a6kBd-iX9b_qXQcw==" },
  { desc: "expired TTL", reason: "expired", now: "1985-10-26T01:21:31-07:00", token: "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q==" },
  { desc: "incorrect IV (causes padding error)", reason: "bad-padding", now: specNow, token: "gAAAAAAdwJ6xBQECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAkLhFLHpGtDBRLRTZeUfWgHSv49TF2AUEZ1TIvcZjK1zQ==" },
  { desc: "trailing characters after b64 padding", reason: "bad-base64", now: specNow, token: specToken + "trailingdata" },
  { desc: "invalid characters in b64", reason: "bad-base64", now: specNow, token: "*gAAAAAAdwJ6wAAECAwQFBgcI!CQoLDA0ODy021?cpGVWKZ_eEwC@GM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==" },
  { desc: "invalid non-urlsafe characters in b64", reason: "bad-base64", now: specNow, token: "gAAAAAAdwJ6wAAEC/AwQFBgcICQoLDA0ODy+021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==" },
];

const b64url = (b: Buffer) => b.toString("base64url") + "=".repeat((4 - (b.toString("base64url").length % 4)) % 4);

describe("Fernet: the spec's published vectors", () => {
  it("generates the spec's token byte for byte from its time, IV and message", () => {
    const token = fernetEncrypt(parseFernetKey(specSecret), "hello", { now: new Date("1985-10-26T01:20:00-07:00"), iv: Buffer.from([...Array(16).keys()]) });
    expect(token).toBe(specToken);
  });

  it("verifies the spec's token within its TTL", () => {
    expect(fernetDecrypt(parseFernetKey(specSecret), specToken, { ttlSeconds: 60, now: new Date("1985-10-26T01:20:01-07:00") }).toString()).toBe("hello");
  });

  it.each(specInvalid)("refuses: $desc", ({ token, now, reason }) => {
    expect(reasonOf(() => fernetDecrypt(parseFernetKey(specSecret), token, { ttlSeconds: 60, now: new Date(now) }))).toBe(reason);
  });
});

describe("Fernet: interoperability with Python's cryptography", () => {
  let key: string;
  beforeAll(() => {
    assertPythonFernetAvailable();
    key = pythonFernetKey();
  });
  const messages = ["hello", "", "a".repeat(15), "b".repeat(16), "tlk_ünïcødé ✓ license", "x".repeat(1000)];

  it("decrypts tokens Python produced", () => {
    const tokens = pythonFernet(messages.map((message) => ({ op: "encrypt" as const, key, message })));
    tokens.forEach((t, i) => {
      if (!t.ok) throw new Error(t.error);
      expect(fernetDecrypt(parseFernetKey(key), t.value, { ttlSeconds: 3600 }).toString("utf8")).toBe(messages[i]);
    });
  });

  it("produces tokens Python decrypts, with and without a TTL", () => {
    const tokens = messages.map((m) => fernetEncrypt(parseFernetKey(key), m));
    const results = pythonFernet(tokens.flatMap((token) => [{ op: "decrypt" as const, key, token }, { op: "decrypt" as const, key, token, ttl: 60 }]));
    expect(results).toEqual(messages.flatMap((value) => [{ ok: true, value }, { ok: true, value }]));
  });

  it("parses keys from Python's generate_key and makes keys Python accepts", () => {
    const ours = generateFernetKey();
    const [res] = pythonFernet([{ op: "decrypt", key: ours, token: fernetEncrypt(parseFernetKey(ours), "k") }]);
    expect(res).toEqual({ ok: true, value: "k" });
    expect(() => parseFernetKey("not-a-key")).toThrow(/32 bytes/);
  });

  it("agrees with Python on every invalid case", () => {
    const k = parseFernetKey(key);
    const now = Math.floor(Date.now() / 1000);
    const [good, old, future] = pythonFernet([
      { op: "encrypt", key, message: "secret text" },
      { op: "encrypt", key, message: "old", at: now - 3600 },
      { op: "encrypt", key, message: "future", at: now + 120 },
    ]).map((r) => (r.ok ? r.value : ""));
    const raw = Buffer.from(good, "base64url");

    const flippedMac = Buffer.from(raw);
    flippedMac[raw.length - 1] ^= 1;
    const wrongVersion = Buffer.from(raw);
    wrongVersion[0] = 0x81;
    // A correctly MACed token whose plaintext ends in an invalid PKCS#7 byte (0x00).
    const header = Buffer.concat([Buffer.from([0x80]), Buffer.alloc(8), Buffer.alloc(16, 7)]);
    header.writeBigUInt64BE(BigInt(now), 1);
    const cbc = createCipheriv("aes-128-cbc", k.encryptionKey, header.subarray(9)).setAutoPadding(false);
    const signed = Buffer.concat([header, cbc.update(Buffer.alloc(16, 0)), cbc.final()]);
    const badPadding = Buffer.concat([signed, createHmac("sha256", k.signingKey).update(signed).digest()]);

    const cases: { desc: string; token: string; ttl?: number; reason: FernetFailure }[] = [
      { desc: "bad MAC", token: b64url(flippedMac), reason: "bad-mac" },
      { desc: "wrong key", token: fernetEncrypt(parseFernetKey(generateFernetKey()), "x"), reason: "bad-mac" },
      { desc: "bad padding", token: b64url(badPadding), reason: "bad-padding" },
      { desc: "expired TTL", token: old, ttl: 60, reason: "expired" },
      { desc: "far-future timestamp", token: future, ttl: 60, reason: "future-timestamp" },
      { desc: "bad base64", token: good.slice(0, 10) + "!" + good.slice(11), reason: "bad-base64" },
      { desc: "missing padding", token: good.replace(/=+$/, "") + "A", reason: "bad-base64" },
      { desc: "wrong version byte", token: b64url(wrongVersion), reason: "bad-version" },
      { desc: "too short", token: b64url(raw.subarray(0, 40)), reason: "too-short" },
      { desc: "empty", token: "", reason: "bad-base64" },
    ];
    const python = pythonFernet(cases.map((c) => ({ op: "decrypt" as const, key, token: c.token, ttl: c.ttl })));
    for (const [i, c] of cases.entries()) {
      expect({ desc: c.desc, python: python[i] }).toEqual({ desc: c.desc, python: { ok: false, error: "InvalidToken" } });
      expect({ desc: c.desc, ours: reasonOf(() => fernetDecrypt(k, c.token, { ttlSeconds: c.ttl })) }).toEqual({ desc: c.desc, ours: c.reason });
    }
    // Without a TTL neither implementation looks at the timestamp.
    expect(fernetDecrypt(k, old).toString()).toBe("old");
    expect(pythonFernet([{ op: "decrypt", key, token: old }])[0]).toEqual({ ok: true, value: "old" });
  });
});
