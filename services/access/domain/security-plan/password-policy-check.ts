// The password policy in force, shown by asking the policy itself: a short password, a common one, a
// well-known passphrase and a long one of unrelated words go through checkPasswordPolicy, and the hashing
// parameters are compared with OWASP's minimum for argon2id (19 MiB, 2 iterations).
import type { CheckResult } from "../../../../contracts/security-plan";
import { argon2Parameters } from "../passwords/password-hash";
import { checkPasswordPolicy, maxPasswordLength, minPasswordLength } from "../passwords/password-policy";

const samples = [
  { label: "a 9-character password", password: "Tr0ub4dor", expect: "refused" },
  { label: "a common password of 16 characters", password: "passwordpassword", expect: "refused" },
  { label: "a well-known passphrase (xkcd's)", password: "Correct Horse Battery Staple", expect: "refused" },
  { label: "a passphrase of five unrelated words", password: "lantern quarry velvet oboe thistle", expect: "accepted" },
] as const;

export function checkPasswordPolicyInForce(now: () => Date): CheckResult {
  const answers = samples.map((s) => {
    const messages = checkPasswordPolicy(s.password);
    const got = messages.length ? "refused" : "accepted";
    return { sample: s.label, expected: s.expect, got, ok: got === s.expect };
  });
  const owasp = argon2Parameters.algorithm === 2 && argon2Parameters.memoryCost >= 19_456 && argon2Parameters.timeCost >= 2;
  const problems = [
    ...answers.filter((a) => !a.ok).map((a) => `${a.sample} was ${a.got}`),
    ...(minPasswordLength < 8 ? [`the minimum length is ${minPasswordLength}`] : []),
    ...(owasp ? [] : ["password hashing is below OWASP's argon2id minimum"]),
  ];
  return {
    checkId: "passwords.policy",
    result: problems.length ? "fail" : "pass",
    sentence: problems.length
      ? `${problems.join("; ")}.`
      : `Passwords need at least ${minPasswordLength} characters, common and breached ones are refused, no composition rule or periodic change is imposed; hashes are argon2id (${Math.round(argon2Parameters.memoryCost / 1024)} MiB, ${argon2Parameters.timeCost} iterations).`,
    evidence: {
      minLength: minPasswordLength,
      maxLength: maxPasswordLength,
      blocklist: "zxcvbn-ts common passwords, plus an estimate of at least 10^10 guesses",
      compositionRules: false,
      periodicChange: false,
      hashing: { algorithm: "argon2id", memoryKiB: argon2Parameters.memoryCost, iterations: argon2Parameters.timeCost, parallelism: argon2Parameters.parallelism },
      samples: answers,
    },
    checkedAt: now().toISOString(),
  };
}
