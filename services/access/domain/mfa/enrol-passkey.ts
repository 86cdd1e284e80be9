// Adding a passkey (WebAuthn) on the Security page: options with a challenge bound to this session,
// then the browser's answer verified for Tessera's origin and RP id. What is kept is the credential's
// id, its public key (public by nature, so not sealed), its signature counter and transports; the name
// is the person's. Attestation "none": Tessera trusts the person who is signed in, not a vendor's chain.
import { generateRegistrationOptions, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { z } from "zod";
import { assurancePolicy } from "../../../../contracts/assurance-levels";
import { wrongSecondFactorMessage } from "../../../../contracts/field-messages";
import type { registerPasskeyRequest } from "../../../../contracts/mfa-api";
import { AppError } from "../../../common/http/app-error";
import type { AccessContext, RequestMeta } from "../context";
import { newId } from "../secrets/ids";
import { addConfirmedFactor, assertRoomForFactor } from "./add-factor";
import { passkeysOf } from "./passkey-authentication";
import { challengeOf, claimChallenge, issueChallenge, relyingParty } from "./passkey-challenges";

type Me = { userId: string; email: string; sessionId: string };

const notAccepted = () =>
  new AppError("validation-failed", wrongSecondFactorMessage.passkey, { reason: "second-factor-failed", fieldErrors: { passkey: [wrongSecondFactorMessage.passkey] } });

/** POST /v1/me/second-factors/passkey/options — options for navigator.credentials.create(). */
export async function passkeyRegistrationOptions(ctx: AccessContext, me: Me) {
  await assertRoomForFactor(ctx, me.userId);
  const existing = await passkeysOf(ctx, me.userId);
  const challenge = await issueChallenge(ctx, { userId: me.userId, purpose: "register", boundTo: me.sessionId });
  return generateRegistrationOptions({
    rpName: "Tessera",
    rpID: relyingParty(ctx).rpID,
    userName: me.email,
    userID: new TextEncoder().encode(me.userId),
    challenge,
    timeout: assurancePolicy.passkeyChallengeMinutes * 60_000,
    attestationType: "none",
    // The same authenticator twice would be one factor counted as two.
    excludeCredentials: existing.map((p) => ({ id: p.credentialId!, transports: p.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
}

/** POST /v1/me/second-factors/passkey — verifies the browser's answer and keeps the passkey as a confirmed factor. */
export async function registerPasskey(ctx: AccessContext, me: Me, input: z.infer<typeof registerPasskeyRequest>, meta: RequestMeta) {
  await assertRoomForFactor(ctx, me.userId);
  const challenge = challengeOf(input.response.response.clientDataJSON);
  if (!(await claimChallenge(ctx, challenge, { userId: me.userId, purpose: "register", boundTo: me.sessionId }))) throw notAccepted();
  const rp = relyingParty(ctx);
  let info;
  try {
    const verified = await verifyRegistrationResponse({ response: input.response, expectedChallenge: challenge!, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: false });
    if (!verified.verified) throw notAccepted();
    info = verified.registrationInfo;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notAccepted();
  }
  if (await ctx.prisma.secondFactor.findUnique({ where: { credentialId: info.credential.id }, select: { id: true } })) {
    throw new AppError("conflict", "This passkey is already registered.", { reason: "passkey-registered" });
  }
  const now = ctx.now();
  return addConfirmedFactor(ctx, me, "passkey", now, meta, (tx) =>
    tx.secondFactor.create({
      data: {
        id: newId("mfa"), userId: me.userId, kind: "passkey", label: input.label, createdAt: now, confirmedAt: now,
        credentialId: info.credential.id, publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
        signCount: BigInt(info.credential.counter), transports: input.response.response.transports ?? [],
      },
    }),
  );
}
