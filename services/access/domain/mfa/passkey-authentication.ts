// Passkeys (WebAuthn) as a second factor at sign-in and step-up: the options for the browser (a fresh
// challenge bound to the pending sign-in or the session, and the person's own credentials), and the
// check of its answer (verify-second-factor.ts calls it). The answer must name one of this person's
// passkeys, sign this binding's unspent challenge for this origin and RP id, and carry a signature
// counter above the stored one when the authenticator counts (a lower one means a cloned key).
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticatorTransport } from "@simplewebauthn/server";
import type { z } from "zod";
import { assurancePolicy } from "../../../../contracts/assurance-levels";
import type { passkeyAssertion } from "../../../../contracts/mfa-api";
import type { AccessContext } from "../context";
import { challengeOf, claimChallenge, issueChallenge, relyingParty, type ChallengeBinding } from "./passkey-challenges";

type Assertion = z.infer<typeof passkeyAssertion>;
export type PasskeyOutcome = "accepted" | "wrong-code" | "replayed" | "no-factor";

export const passkeysOf = (ctx: AccessContext, userId: string) =>
  ctx.prisma.secondFactor.findMany({
    where: { userId, kind: "passkey", confirmedAt: { not: null }, credentialId: { not: null } },
    select: { id: true, credentialId: true, publicKey: true, signCount: true, transports: true },
  });

/** Options for navigator.credentials.get(); null when the person has no passkey. */
export async function passkeyAuthenticationOptions(ctx: AccessContext, binding: ChallengeBinding) {
  const passkeys = await passkeysOf(ctx, binding.userId);
  if (passkeys.length === 0) return null;
  const challenge = await issueChallenge(ctx, binding);
  return generateAuthenticationOptions({
    rpID: relyingParty(ctx).rpID,
    challenge,
    timeout: assurancePolicy.passkeyChallengeMinutes * 60_000,
    userVerification: "preferred",
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId!, transports: p.transports as AuthenticatorTransport[] })),
  });
}

export async function acceptPasskey(ctx: AccessContext, binding: ChallengeBinding, assertion: Assertion): Promise<PasskeyOutcome> {
  const passkeys = await passkeysOf(ctx, binding.userId);
  if (passkeys.length === 0) return "no-factor";
  // Another person's credential, or one removed: not this person's passkey.
  const passkey = passkeys.find((p) => p.credentialId === assertion.id);
  if (!passkey?.publicKey) return "wrong-code";
  const challenge = challengeOf(assertion.response.clientDataJSON);
  // Spent before the signature is checked: a refused answer also uses its challenge up.
  if (!(await claimChallenge(ctx, challenge, binding))) return "replayed";
  const rp = relyingParty(ctx);
  const stored = Number(passkey.signCount ?? 0n);
  let newCounter: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: challenge!,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: { id: passkey.credentialId!, publicKey: Buffer.from(passkey.publicKey, "base64url"), counter: stored, transports: passkey.transports as AuthenticatorTransport[] },
      requireUserVerification: false,
    });
    if (!verified.verified) return "wrong-code";
    newCounter = verified.authenticationInfo.newCounter;
  } catch {
    // Wrong origin or RP id, bad signature, counter not above the stored one, malformed data.
    return "wrong-code";
  }
  // Conditional on the counter read: a parallel answer that moved it first wins, this one is refused.
  const won = await ctx.prisma.secondFactor.updateMany({
    where: { id: passkey.id, signCount: passkey.signCount },
    data: { signCount: BigInt(newCounter), lastUsedAt: ctx.now() },
  });
  return won.count === 1 ? "accepted" : "replayed";
}
