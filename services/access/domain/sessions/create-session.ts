// Opens a session inside the caller's transaction and returns the bearer token, shown only this once.
// The token is a credential of the same format as component tokens (secrets/credential-format.ts).
// A session opened with a second factor is AAL2 and held to AAL2's lifetime (contracts/assurance-levels.ts).
import type { AssuranceLevel } from "../../../../contracts/assurance-levels";
import type { VerifiedFactorKind } from "../../../../contracts/mfa-api";
import type { Device } from "../../../../contracts/user-agent";
import type { AccessContext, TransactionClient } from "../context";
import { newId } from "../secrets/ids";
import { digestCredential, generateCredential } from "../secrets/credential-format";
import { absoluteLifetimeHours, sessionDto } from "./session-lifetime";

/** The second factor the person verified at sign-in, if any: it makes the session AAL2. */
export type SignInFactor = { kind: VerifiedFactorKind; at: Date } | null;

export async function createSession(ctx: AccessContext, tx: TransactionClient, userId: string, sourceIp: string | null, device: Device = { browser: null, system: null }, factor: SignInFactor = null) {
  const token = generateCredential("session");
  const now = new Date();
  const assuranceLevel: AssuranceLevel = factor ? "aal2" : "aal1";
  const session = await tx.session.create({
    data: {
      id: newId("ses"),
      userId,
      tokenDigest: digestCredential(ctx.keys.secretDigest, "session", token),
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + absoluteLifetimeHours(ctx.settings, assuranceLevel) * 3_600_000),
      sourceIp,
      deviceBrowser: device.browser,
      deviceSystem: device.system,
      assuranceLevel,
      secondFactorKind: factor?.kind ?? null,
      secondFactorAt: factor?.at ?? null,
    },
  });
  return { token, session: sessionDto(ctx.settings, session), sessionId: session.id };
}
