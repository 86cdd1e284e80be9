// The sign-in throttle against the attacks it exists for, through the real endpoint over mTLS on a real
// database: a district's shared address survives 50 failures, rotating addresses against one account
// is stopped, a known device cannot be locked out, an address past its limit is slowed, not closed, and a
// browser whose address the web tier could not tell is counted per account only, never as the web host.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInThrottleRules } from "../../services/access/domain/auth/sign-in-throttle";
import { hashPassword } from "../../services/access/domain/passwords/password-hash";
import { newId } from "../../services/access/domain/secrets/ids";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
let web: Awaited<ReturnType<AccessHarness["as"]>>;
const password = "copper lantern orbit harbour";
type Answer = { sessionToken?: string; deviceCookie?: string; reason?: string; retryAfterSeconds?: number };

beforeAll(async () => {
  h = await startAccessService("throttle");
  web = await h.as("web");
  const passwordHash = await hashPassword(password);
  for (const name of ["nat-teacher", "nat-clerk", "target", "known", "spent", "slowed", "addressless", "guessed"]) {
    await h.prisma.user.create({ data: { id: newId("usr"), email: `${name}@district.example`, name, role: "platform_admin", tenantId: null, passwordHash } });
  }
});
afterAll(async () => h?.close());

const signIn = (email: string, pw: string, ip: string, deviceCookie?: string) =>
  web.json<Answer>("POST", "/v1/auth/sign-in", { email, password: pw, ...(deviceCookie ? { deviceCookie } : {}) }, { "x-tessera-client-ip": ip });

describe("sign-in throttling", () => {
  it("lets people behind a district's one NAT address sign in after 50 failures from that address", async () => {
    const nat = "203.0.113.50";
    // 50 wrong passwords from the address: against one person, and sprayed over addresses that do not exist.
    for (let i = 0; i < 10; i++) expect((await signIn("nat-teacher@district.example", `guess ${i}`, nat)).status).toBe(401);
    for (let i = 0; i < 40; i++) expect((await signIn(`nobody-${i}@district.example`, "summer2024", nat)).status).toBe(401);
    // Another person there, on a browser that never signed in before, with the right password:
    expect((await signIn("nat-clerk@district.example", password, nat)).status).toBe(200);
  });

  it("stops an attacker rotating addresses against one account, even when the guess is right", async () => {
    for (let i = 0; i < signInThrottleRules.unknownDevicesPerAccount.failures; i++) {
      expect((await signIn("target@district.example", `guess ${i}`, `198.51.100.${i + 1}`)).status).toBe(401);
    }
    const right = await signIn("target@district.example", password, "198.51.100.200");
    expect(right.status).toBe(429);
    expect(right.body.retryAfterSeconds).toBeGreaterThan(60);
    expect(right.body.sessionToken).toBeUndefined();
  });

  it("cannot lock out a real person on a browser they signed in from before", async () => {
    const first = await signIn("known@district.example", password, "192.0.2.10");
    expect(first.status).toBe(200);
    const cookie = first.body.deviceCookie!;
    for (let i = 0; i < 30; i++) await signIn("known@district.example", `guess ${i}`, `198.51.100.${i + 1}`);
    expect((await signIn("known@district.example", password, "198.51.100.77")).status).toBe(429);
    // Their own browser, from anywhere, still gets in, and the cookie it gets back keeps working.
    const again = await signIn("known@district.example", password, "198.51.100.77", cookie);
    expect(again.status).toBe(200);
    expect((await signIn("known@district.example", password, "192.0.2.10", again.body.deviceCookie)).status).toBe(200);
  });

  it("treats a forged, altered or another account's device cookie as an unknown device", async () => {
    const other = (await signIn("nat-clerk@district.example", password, "192.0.2.11")).body.deviceCookie!;
    const altered = other.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    for (const cookie of [other, altered, "tsd_forged.AAAA", "x".repeat(1200)]) {
      expect((await signIn("target@district.example", password, "198.51.100.201", cookie)).status).toBe(429);
    }
  });

  it("counts a known device's own failures, and past its limit treats it as unknown", async () => {
    const cookie = (await signIn("spent@district.example", password, "192.0.2.12")).body.deviceCookie!;
    // Unknown devices have used up this account's allowance meanwhile.
    for (let i = 0; i < 10; i++) await signIn("spent@district.example", `guess ${i}`, `198.51.100.${i + 101}`);
    for (let i = 0; i < signInThrottleRules.knownDevice.failures; i++) {
      expect((await signIn("spent@district.example", `typo ${i}`, "192.0.2.12", cookie)).status).toBe(401);
    }
    expect((await signIn("spent@district.example", password, "192.0.2.12", cookie)).status).toBe(429);
  });

  it("slows an address past its limit to one attempt per interval, and never closes it to known devices", async () => {
    const busy = "203.0.113.99";
    const known = (await signIn("slowed@district.example", password, "192.0.2.13")).body.deviceCookie!;
    for (let i = 0; i <= signInThrottleRules.perAddress.failures; i++) await signIn(`spray-${i}@district.example`, "winter2025", busy);
    const waiting = await signIn("slowed@district.example", password, busy);
    expect(waiting.status).toBe(429);
    expect(waiting.body.retryAfterSeconds).toBeLessThanOrEqual(signInThrottleRules.perAddress.slowedSeconds);
    expect((await signIn("slowed@district.example", password, busy, known)).status).toBe(200);
    // Once the interval has passed (its row's expiry moved, as time would), the next attempt is let through.
    await h.prisma.rateLimit.updateMany({ where: { key: `signin-address-slowed:${busy}` }, data: { expire: new Date(Date.now() - 1) } });
    expect((await signIn("slowed@district.example", password, busy)).status).toBe(200);
  });

  it("counts a sign-in through the web tier without the browser's address against no address, never the web host's", async () => {
    // No x-tessera-client-ip: the web tier could not tell the browser's address. The TCP peer is the web host.
    const withoutAddress = (email: string, pw: string) => web.json<Answer>("POST", "/v1/auth/sign-in", { email, password: pw });
    for (let i = 0; i <= signInThrottleRules.perAddress.failures; i++) expect((await withoutAddress(`blind-${i}@district.example`, "autumn2025")).status).toBe(401);
    // Had they counted against the web host's address, it would now be slowed for every browser behind it.
    expect((await withoutAddress("addressless@district.example", password)).status).toBe(200);
    const addressKeys = (await h.prisma.rateLimit.findMany({ where: { key: { startsWith: "signin-address" } } })).map((r) => r.key.slice(r.key.indexOf(":") + 1));
    expect(addressKeys.filter((ip) => /127\.0\.0\.1|^::1$|unknown/.test(ip))).toEqual([]);
    // Audited with no address, not the web host's.
    const blind = (await h.prisma.outboxEvent.findMany()).map((e) => e.payload as { action: string; actor: { label: string | null }; sourceIp: string | null }).filter((e) => e.action === "auth.sign_in" && e.actor.label?.startsWith("blind-"));
    expect(blind).toHaveLength(signInThrottleRules.perAddress.failures + 1);
    expect(new Set(blind.map((e) => e.sourceIp))).toEqual(new Set([null]));
  });

  it("still limits guessing per account when the browser's address is unknown", async () => {
    const withoutAddress = (pw: string) => web.json<Answer>("POST", "/v1/auth/sign-in", { email: "guessed@district.example", password: pw });
    for (let i = 0; i < signInThrottleRules.unknownDevicesPerAccount.failures; i++) expect((await withoutAddress(`guess ${i}`)).status).toBe(401);
    const right = await withoutAddress(password);
    expect(right.status).toBe(429);
    expect(right.body.sessionToken).toBeUndefined();
  });

  it("audits every throttled attempt as a failure with reason throttled", async () => {
    const events = (await h.prisma.outboxEvent.findMany()).map((e) => e.payload as { action: string; outcome: string; data: { reason?: string } });
    expect(events.filter((e) => e.action === "auth.sign_in" && e.data.reason === "throttled").length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(events)).not.toContain("tsd_");
  });
});
