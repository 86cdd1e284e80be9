import "server-only";
// The browser's device cookie (services/access/domain/auth/device-cookie.ts says what it is for): the
// web tier stores what the access service gave it, HttpOnly, and hands it back at the next sign-in.
import { cookies } from "next/headers";

const maxAgeSeconds = 180 * 24 * 60 * 60;
const secure = () => (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
/** `__Host-` (Secure, no Domain, Path=/) whenever the console is served over HTTPS. */
const cookieName = () => (secure() ? "__Host-tessera-device" : "tessera-device");

export async function readDeviceCookie(): Promise<string | undefined> {
  const value = (await cookies()).get(cookieName())?.value;
  return value && value.length <= 1200 ? value : undefined;
}

export async function keepDeviceCookie(value: string): Promise<void> {
  (await cookies()).set(cookieName(), value, { httpOnly: true, secure: secure(), sameSite: "lax", path: "/", maxAge: maxAgeSeconds });
}
