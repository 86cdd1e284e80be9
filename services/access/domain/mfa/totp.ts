// TOTP (RFC 6238) through `otpauth`: a new secret, its otpauth:// URI, and the check of a code against
// a clock and the last time step already accepted. A code is good for its 30-second step and one step
// either side (clock drift, §5.2); a step once accepted is never accepted again (replay, §5.2), so a
// code seen over a shoulder or phished is worthless once used. Pure: the caller brings the time.
import { Secret, TOTP } from "otpauth";
import { assurancePolicy } from "../../../../contracts/assurance-levels";

const { periodSeconds, digits, algorithm, window } = assurancePolicy.totp;

/** A new 160-bit secret (RFC 4226 §4 recommends 160), base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label = "", issuer = "Tessera") {
  return new TOTP({ issuer, label, algorithm, digits, period: periodSeconds, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountLabel: string, issuer = "Tessera"): string {
  return totpOf(secret, accountLabel, issuer).toString();
}

/** The time step a moment falls in. */
export function totpStep(now: Date): number {
  return TOTP.counter({ period: periodSeconds, timestamp: now.getTime() });
}

/** The code an authenticator shows at `now` (tests, and nothing else, need this). */
export function totpCodeAt(secret: string, now: Date): string {
  return totpOf(secret).generate({ timestamp: now.getTime() });
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong-code" | "replayed" };

/** Checks `code` at `now`; `lastUsedStep` is the last step accepted for this factor (null: none yet). */
export function checkTotp(secret: string, code: string, now: Date, lastUsedStep: number | null): TotpCheck {
  const delta = totpOf(secret).validate({ token: code, timestamp: now.getTime(), window });
  if (delta === null) return { ok: false, reason: "wrong-code" };
  const step = totpStep(now) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: "replayed" };
  return { ok: true, step };
}
