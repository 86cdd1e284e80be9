// Record ids with a type prefix (usr_, ses_, stp_), random and URL-safe.
import { randomBytes } from "node:crypto";

export type IdPrefix = "usr" | "ses" | "stp" | "lic" | "cmp" | "scp" | "tier" | "ten" | "inv" | "tok" | "act" | "cli" | "tdv" | "inc" | "rev" | "tdk" | "dsp" | "ssk" | "alr" | "drs" | "rwj" | "mfa" | "rcv" | "psi" | "pkc";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}
