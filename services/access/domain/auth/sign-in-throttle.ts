// Slows password guessing without letting an attacker lock the real user out: failures are counted per
// (source address, account) — 5 per 15 minutes — and per source address — 50 per hour. A user at
// another address is never blocked by someone else's failures. Counters live in PostgreSQL so every
// access process shares them.
import { RateLimiterPrisma, type RateLimiterRes } from "rate-limiter-flexible";
import type { AccessPrisma } from "../../db/prisma";

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function createSignInThrottle(prisma: AccessPrisma) {
  const common = { storeClient: prisma, tableName: "rateLimit", clearExpiredByTimeout: false };
  const perAccount = new RateLimiterPrisma({ ...common, keyPrefix: "signin-ip-account", points: 5, duration: 15 * 60 });
  const perAddress = new RateLimiterPrisma({ ...common, keyPrefix: "signin-ip", points: 50, duration: 60 * 60 });
  const keys = (ip: string, email: string) => ({ account: `${ip}|${email}`, address: ip });

  const blockedFor = (res: RateLimiterRes | null, points: number) =>
    res && res.consumedPoints >= points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;

  return {
    async check(ip: string, email: string): Promise<ThrottleVerdict> {
      const k = keys(ip, email);
      const [a, b] = await Promise.all([perAccount.get(k.account), perAddress.get(k.address)]);
      const wait = Math.max(blockedFor(a, perAccount.points), blockedFor(b, perAddress.points));
      return wait ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
    },
    async recordFailure(ip: string, email: string): Promise<void> {
      const k = keys(ip, email);
      // consume() rejects once the limit is passed; that is the expected outcome, not an error.
      await Promise.all([perAccount.consume(k.account).catch(() => {}), perAddress.consume(k.address).catch(() => {})]);
    },
    async recordSuccess(ip: string, email: string): Promise<void> {
      await perAccount.delete(keys(ip, email).account);
    },
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
