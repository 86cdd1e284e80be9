// Device cookies (OWASP "slow down online guessing attacks with device cookies"): a browser that has
// signed in to an account carries a token the access service signed for that account, and is then
// throttled on its own, generously, instead of with every unknown device. The web tier keeps the
// tokens in one HttpOnly cookie and hands them back unread; a browser holds tokens for at most a few
// accounts (a shared school computer). Signed with a key of this purpose alone (device-cookie.key).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { loadOrCreateKey } from "../../keys/key-files";

/** How long a device stays known after its last sign-in there. */
export const deviceCookieDays = 180;
/** Tokens kept per browser: the accounts most recently signed in there. */
export const devicesPerBrowser = 5;
/** Longest cookie value accepted: five tokens and their separators, with room to spare. */
export const deviceCookieMaxLength = 1200;

const prefix = "tsd_";
const payloadSchema = z.object({ u: z.string().min(1).max(64), d: z.string().regex(/^[A-Za-z0-9_-]{22}$/), t: z.number().int() });
type Payload = z.infer<typeof payloadSchema>;

const keys = new Map<string, Buffer>();
function deviceKey(keysDir: string): Buffer {
  let key = keys.get(keysDir);
  if (!key) {
    key = loadOrCreateKey(path.join(keysDir, "device-cookie.key"));
    keys.set(keysDir, key);
  }
  return key;
}

const mac = (key: Buffer, body: string) => createHmac("sha256", key).update(`tessera-device-v1.${body}`).digest();

function sign(key: Buffer, payload: Payload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${prefix}${body}.${mac(key, body).toString("base64url")}`;
}

function open(key: Buffer, token: string, now: Date): Payload | null {
  if (!token.startsWith(prefix)) return null;
  const [body, tag] = token.slice(prefix.length).split(".");
  if (!body || !tag) return null;
  const given = Buffer.from(tag, "base64url");
  const expected = mac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = payloadSchema.parse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    return now.getTime() - payload.t * 1000 <= deviceCookieDays * 86_400_000 ? payload : null;
  } catch {
    return null;
  }
}

const tokensOf = (cookie: string | undefined) => (cookie ?? "").slice(0, deviceCookieMaxLength).split("~").filter(Boolean).slice(0, devicesPerBrowser);

/** The id of this browser's device for `userId`, when its cookie carries a valid token for that account. */
export function knownDeviceId(keysDir: string, cookie: string | undefined, userId: string | null, now = new Date()): string | null {
  if (!userId || !cookie) return null;
  const key = deviceKey(keysDir);
  for (const token of tokensOf(cookie)) {
    const payload = open(key, token, now);
    if (payload?.u === userId) return payload.d;
  }
  return null;
}

/** The cookie after a successful sign-in to `userId`: its token (same device id if known) first, others kept. */
export function rememberDevice(keysDir: string, cookie: string | undefined, userId: string, now = new Date()): string {
  const key = deviceKey(keysDir);
  const kept = tokensOf(cookie).filter((token) => {
    const payload = open(key, token, now);
    return payload !== null && payload.u !== userId;
  });
  const deviceId = knownDeviceId(keysDir, cookie, userId, now) ?? randomBytes(16).toString("base64url");
  const fresh = sign(key, { u: userId, d: deviceId, t: Math.floor(now.getTime() / 1000) });
  return [fresh, ...kept].slice(0, devicesPerBrowser).join("~");
}
