// NIST SP 800-63B password rules: length, a blocklist of common and breached passwords and well-known
// passphrases (compared without case, spaces or separators), context words;
// no composition rules. Returns field messages, empty when the password is acceptable.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { maxPasswordLength, minPasswordLength } from "../../../../contracts/password-rules";
import { isKnownPassphrase, normalisePassphrase } from "./known-passphrases";

export { maxPasswordLength, minPasswordLength };
/** Below this many estimated guesses a password is "built from" known words, repeats or sequences. */
const minGuessesLog10 = 10;

const blocklist = new Set((common.dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
const estimator = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

export function checkPasswordPolicy(password: string, context: { email?: string; name?: string } = {}): string[] {
  const length = [...password].length;
  if (length < minPasswordLength) return [`Use at least ${minPasswordLength} characters (you used ${length}). A few unrelated words make a good passphrase.`];
  if (length > maxPasswordLength) return [`Use at most ${maxPasswordLength} characters.`];
  const lowered = password.toLowerCase();
  if (blocklist.has(lowered) || blocklist.has(normalisePassphrase(password)) || isKnownPassphrase(password)) return ["This password appears in lists of common or breached passwords. Choose another."];
  const contextWords = [context.email, context.email?.split("@")[0], context.name, "tessera"].filter((w): w is string => !!w && w.length >= 3);
  if (contextWords.some((w) => lowered === w.toLowerCase())) return ["Do not use your name, e-mail address or the product's name as your password."];
  const estimate = estimator.check(password.slice(0, 256), contextWords);
  if (estimate.guessesLog10 < minGuessesLog10) {
    return ["This password is too easy to guess: it is made of common words, names, repeats or sequences. Add more unrelated words."];
  }
  return [];
}
