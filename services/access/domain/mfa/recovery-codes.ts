// Recovery codes: ten at a time, each 50 random bits in a 32-letter alphabet without look-alikes (no
// 0/O, 1/I/L), shown once as "XXXXX-XXXXX" and stored like passwords (argon2id). Typing is forgiving:
// case, spaces and dashes do not matter (contracts/mfa-api.ts normalises before this sees a code).
import { randomInt } from "node:crypto";
import { assurancePolicy } from "../../../../contracts/assurance-levels";

const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // 31 letters and digits that are not confused when read aloud
const length = 10;

/** New codes in their display form. */
export function newRecoveryCodes(count: number = assurancePolicy.recoveryCodeCount): string[] {
  return Array.from({ length: count }, () => {
    let code = "";
    for (let i = 0; i < length; i++) code += alphabet[randomInt(alphabet.length)];
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** The form a code is hashed and compared in: no dashes or spaces, upper case. */
export function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]+/g, "").toUpperCase();
}
