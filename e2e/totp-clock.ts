// Codes of an authenticator app for e2e: the web tier runs on real time, so each use takes the earliest
// 30-second step the access service still accepts (one either side of now) that is later than the last
// one used — a code is never replayed, and no test waits for the clock unless it has used up the window.
import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";

/** `used`: where the last used step is kept across spec files (one app shared by them); in memory otherwise. */
export function authenticatorApp(secret: string, used?: { lastStep: number; save(step: number): void }) {
  let lastStep = used?.lastStep ?? -Infinity;
  const step = () => Math.floor(Date.now() / 30_000);
  const codeAt = (use: number) => TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: use * 30_000 + 1 });
  return {
    /** A code that is not any step's the service would accept now (a digit of the current one changed). */
    wrongCode(): string {
      const c = codeAt(step());
      return `${(Number(c[0]) + 5) % 10}${c.slice(1)}`;
    },
    async nextCode(page: Page): Promise<string> {
      while (Math.max(lastStep + 1, step() - 1) > step() + 1) await page.waitForTimeout(1_000);
      const use = Math.max(lastStep + 1, step() - 1);
      lastStep = use;
      used?.save(use);
      return codeAt(use);
    },
  };
}
