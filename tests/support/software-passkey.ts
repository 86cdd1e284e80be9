// A software WebAuthn authenticator for tests: an ES256 (P-256) key made with node:crypto, answering
// registration with attestation "none" and authentication with a signed assertion, in the JSON shapes
// @simplewebauthn/browser hands the server (RegistrationResponseJSON, AuthenticationResponseJSON). Its
// origin, RP id and counter can be set wrong on purpose to show the server refusing them.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

const b64url = (b: Buffer | Uint8Array) => Buffer.from(b).toString("base64url");
const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest();

// Minimal CBOR (RFC 8949): the unsigned/negative integers, byte and text strings and maps WebAuthn uses.
function cborHead(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  const b = Buffer.alloc(3);
  b[0] = (major << 5) | 25;
  b.writeUInt16BE(n, 1);
  return b;
}
type Cbor = number | string | Buffer | Map<Cbor, Cbor>;
function cbor(v: Cbor): Buffer {
  if (typeof v === "number") return v >= 0 ? cborHead(0, v) : cborHead(1, -1 - v);
  if (typeof v === "string") return Buffer.concat([cborHead(3, Buffer.byteLength(v)), Buffer.from(v)]);
  if (Buffer.isBuffer(v)) return Buffer.concat([cborHead(2, v.length), v]);
  return Buffer.concat([cborHead(5, v.size), ...[...v].flatMap(([k, x]) => [cbor(k), cbor(x)])]);
}

export type SoftwarePasskey = {
  credentialId: string;
  counter: number;
  /** Answers creation options (navigator.credentials.create). */
  register(options: { challenge: string }, overrides?: { origin?: string; rpId?: string }): Record<string, unknown>;
  /** Answers request options (navigator.credentials.get); the counter goes up by one unless `counter` is given. */
  assert(options: { challenge: string }, overrides?: { origin?: string; rpId?: string; counter?: number }): { id: string; rawId: string; type: "public-key"; response: Record<string, string>; clientExtensionResults: Record<string, never> };
};

export function createSoftwarePasskey(defaults: { origin: string; rpId: string }): SoftwarePasskey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const coseKey = cbor(new Map<Cbor, Cbor>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, "base64url")], [-3, Buffer.from(jwk.y!, "base64url")]]));
  const rawId = randomBytes(16);
  const key: SoftwarePasskey = {
    credentialId: b64url(rawId),
    counter: 0,
    register(options, o = {}) {
      const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.create", challenge: options.challenge, origin: o.origin ?? defaults.origin, crossOrigin: false }));
      const credLen = Buffer.alloc(2);
      credLen.writeUInt16BE(rawId.length);
      // Flags: user present (0x01), user verified (0x04), attested credential data (0x40).
      const authData = Buffer.concat([sha256(o.rpId ?? defaults.rpId), Buffer.from([0x45]), counterBytes(key.counter), Buffer.alloc(16), credLen, rawId, coseKey]);
      const attestationObject = cbor(new Map<Cbor, Cbor>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]));
      return {
        id: key.credentialId, rawId: key.credentialId, type: "public-key",
        response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ["internal"] },
        clientExtensionResults: {},
      };
    },
    assert(options, o = {}) {
      const counter = o.counter ?? ++key.counter;
      const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin: o.origin ?? defaults.origin, crossOrigin: false }));
      const authData = Buffer.concat([sha256(o.rpId ?? defaults.rpId), Buffer.from([0x05]), counterBytes(counter)]);
      const signature = signEs256(privateKey, Buffer.concat([authData, sha256(clientDataJSON)]));
      return {
        id: key.credentialId, rawId: key.credentialId, type: "public-key",
        response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature) },
        clientExtensionResults: {},
      };
    },
  };
  return key;
}

function counterBytes(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
/** WebAuthn's ES256 signature: ECDSA over SHA-256, DER-encoded (node's default). */
const signEs256 = (key: KeyObject, data: Buffer) => sign("sha256", data, key);
