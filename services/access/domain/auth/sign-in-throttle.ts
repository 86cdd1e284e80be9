// Slows password guessing without letting anyone turn it against real users (OWASP Authentication
// Cheat Sheet; NIST SP 800-63B-4 §3.2.2; device cookies, device-cookie.ts). Failures are counted in
// three places, each in PostgreSQL so every access process shares them:
// - a known device (a browser that signed in to this account before): its own failures only;
// - the account, for failures from every unknown device together, from any address;
// - the source address, for failures from unknown devices: high, and past it slowed, never closed. An
//   unknown address (null: the web tier could not say) is counted nowhere: pooling every such attempt
//   under one key would let one guesser slow everyone whose address is unknown; the account's count
//   still holds for them.
// A known device never meets the account's or the address's counts, so neither an attacker guessing at
// an account nor one sharing a district's NAT address can keep its owner out.
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { AccessPrisma } from "../../db/prisma";

export const signInThrottleRules = {
  /** A known device may fail this often per window before it counts as unknown for the rest of it. */
  knownDevice: { failures: 10, windowMinutes: 15 },
  /** Failures from all unknown devices together, per account; past it unknown devices wait for the window. */
  unknownDevicesPerAccount: { failures: 10, windowMinutes: 15 },
  /** Failures from unknown devices per address; past it one attempt per `slowedSeconds` from there. */
  perAddress: { failures: 100, windowMinutes: 60, slowedSeconds: 15 },
  /** Wrong passwords re-entered inside a session (revealing a license key), per account. */
  reauthentication: { failures: 5, windowMinutes: 15 },
} as const;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };
export type SignInAttempt = {
  verdict: ThrottleVerdict;
  /** Counted as a known device's attempt (else as an unknown device's). */
  knownDevice: boolean;
  /** The password was right: give back what this attempt took. */
  succeeded(): Promise<void>;
};

const seconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

export function createSignInThrottle(prisma: AccessPrisma, rules = signInThrottleRules) {
  const limiter = (keyPrefix: string, points: number, durationSeconds: number) =>
    new RateLimiterPrisma({ storeClient: prisma, tableName: "rateLimit", clearExpiredByTimeout: false, keyPrefix, points, duration: durationSeconds });
  const device = limiter("signin-device", rules.knownDevice.failures, rules.knownDevice.windowMinutes * 60);
  const account = limiter("signin-account", rules.unknownDevicesPerAccount.failures, rules.unknownDevicesPerAccount.windowMinutes * 60);
  const address = limiter("signin-address", rules.perAddress.failures, rules.perAddress.windowMinutes * 60);
  const slowed = limiter("signin-address-slowed", 1, rules.perAddress.slowedSeconds);
  const reauth = limiter("reauth-account", rules.reauthentication.failures, rules.reauthentication.windowMinutes * 60);

  /** Takes one point; a limiter refuses by rejecting with its result once past its points. */
  const take = (l: RateLimiterPrisma, key: string): Promise<{ over: boolean; res: RateLimiterRes }> =>
    l.consume(key).then(
      (res) => ({ over: false, res }),
      (e: unknown) => {
        if (e instanceof RateLimiterRes) return { over: true, res: e };
        throw e;
      },
    );
  const give = (l: RateLimiterPrisma, key: string) => l.reward(key, 1).then(() => undefined);

  return {
    /**
     * Counts one sign-in attempt before the password is checked (so parallel guesses are all counted)
     * and says whether it may go on. `deviceId` is the browser's device for this account, if known.
     */
    async beginSignIn(o: { ip: string | null; email: string; deviceId: string | null }): Promise<SignInAttempt> {
      if (o.deviceId) {
        const d = await take(device, o.deviceId);
        if (!d.over) return { verdict: { allowed: true }, knownDevice: true, succeeded: () => device.delete(o.deviceId!).then(() => undefined) };
        // A known device past its own limit is treated as any unknown one for the rest of the window.
      }
      const ip = o.ip;
      if (ip !== null) {
        const a = await take(address, ip);
        if (a.over) {
          const s = await take(slowed, ip);
          if (s.over) return refused(s.res);
        }
      }
      const c = await take(account, o.email);
      if (c.over) return refused(c.res);
      return {
        verdict: { allowed: true },
        knownDevice: false,
        succeeded: async () => {
          await Promise.all([...(ip !== null ? [give(address, ip)] : []), give(account, o.email)]);
        },
      };
    },

    // Re-entering the password inside a session: per account (never per address), and counted as an
    // unknown device's failure.
    async check(email: string): Promise<ThrottleVerdict> {
      const r = await reauth.get(email);
      return r && r.consumedPoints >= rules.reauthentication.failures ? { allowed: false, retryAfterSeconds: seconds(r) } : { allowed: true };
    },
    async recordFailure(email: string): Promise<void> {
      await Promise.all([take(reauth, email), take(account, email)]);
    },
    async recordSuccess(email: string): Promise<void> {
      await reauth.delete(email);
    },
  };
}

function refused(res: RateLimiterRes): SignInAttempt {
  return { verdict: { allowed: false, retryAfterSeconds: seconds(res) }, knownDevice: false, succeeded: async () => {} };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
