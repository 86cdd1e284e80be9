// A checkpoint: the chain's head (seq, its MAC and the public chainHash up to it) at a moment, signed
// as a compact JWS (EdDSA, Ed25519) with the checkpoint key. Kept outside the audit database, so that
// deleting the newest events — which leaves a shorter chain that still verifies — is detected.
import type { KeyObject } from "node:crypto";
import { CompactSign, compactVerify, importJWK, type JWK } from "jose";
import { z } from "zod";

export const checkpointType = "tessera-audit-checkpoint+jws";

export const checkpointPayload = z.object({
  v: z.literal(1),
  /** The newest event's seq, i.e. how many events the chain holds (seq starts at 1, without gaps). */
  seq: z.number().int().nonnegative(),
  /** That event's MAC (genesis zeros for an empty chain). */
  mac: z.string().regex(/^[0-9a-f]{64}$/),
  /** The public hash chain up to that event (chain-hash.ts). */
  chainHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** When it was signed. */
  at: z.iso.datetime(),
});
export type CheckpointPayload = z.infer<typeof checkpointPayload>;

export async function signCheckpoint(key: { privateKey: KeyObject; publicJwk: { kid: string } }, payload: CheckpointPayload): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(checkpointPayload.parse(payload))))
    .setProtectedHeader({ alg: "EdDSA", typ: checkpointType, kid: key.publicJwk.kid })
    .sign(key.privateKey);
}

/** The payload of a checkpoint signed by `publicJwk`; throws when the signature or the shape is wrong. */
export async function verifyCheckpoint(jws: string, publicJwk: JWK): Promise<CheckpointPayload> {
  const key = await importJWK({ kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x }, "EdDSA");
  const { payload, protectedHeader } = await compactVerify(jws, key, { algorithms: ["EdDSA"] });
  if (protectedHeader.typ !== checkpointType) throw new Error("not an audit checkpoint");
  return checkpointPayload.parse(JSON.parse(new TextDecoder().decode(payload)));
}
