// WebAuthn challenges: random, answered once, within minutes (assurancePolicy.passkeyChallengeMinutes),
// and bound to what asked for them — a pending sign-in (psi_…) or a session (ses_…) and a purpose — so
// an answer made for one sign-in, session or purpose completes no other. Claimed by a conditional write,
// so two parallel answers to one challenge cannot both pass.
import { randomBytes } from "node:crypto";
import { assurancePolicy } from "../../../../contracts/assurance-levels";
import type { AccessContext } from "../context";
import { newId } from "../secrets/ids";

export type ChallengePurpose = "register" | "sign-in" | "step-up";
export type ChallengeBinding = { userId: string; purpose: ChallengePurpose; boundTo: string };

/** The relying party: the console's public address (TESSERA_PUBLIC_URL) — its host name is the RP id. */
export function relyingParty(ctx: AccessContext): { rpID: string; origin: string } {
  const url = new URL(ctx.settings.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

/**
 * Returns the challenge's bytes, to hand to simplewebauthn's options as they are (a string would be taken
 * as UTF-8 text and encoded again); the options carry them base64url-encoded, as stored here.
 */
export async function issueChallenge(ctx: AccessContext, binding: ChallengeBinding): Promise<Uint8Array<ArrayBuffer>> {
  const challenge = randomBytes(32).toString("base64url");
  const now = ctx.now();
  await ctx.prisma.passkeyChallenge.create({
    data: { id: newId("pkc"), ...binding, challenge, createdAt: now, expiresAt: new Date(now.getTime() + assurancePolicy.passkeyChallengeMinutes * 60_000) },
  });
  return new Uint8Array(Buffer.from(challenge, "base64url"));
}

/** The challenge the browser signed, read from clientDataJSON; null when it is not readable. */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    const challenge = (parsed as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === "string" && challenge.length <= 200 ? challenge : null;
  } catch {
    return null;
  }
}

/** Spends the challenge if it is this binding's, unused and unexpired; false otherwise (also when spent before). */
export async function claimChallenge(ctx: AccessContext, challenge: string | null, binding: ChallengeBinding): Promise<boolean> {
  if (!challenge) return false;
  const now = ctx.now();
  const won = await ctx.prisma.passkeyChallenge.updateMany({
    where: { challenge, ...binding, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return won.count === 1;
}
