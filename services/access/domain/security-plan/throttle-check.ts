// Throttling that actually stops a brute-force run: wrong passwords are sent through the deployment's
// own sign-in rule (signIn, with its real throttle in PostgreSQL) for a synthetic account that cannot be
// a person (an address under the reserved .invalid domain, never a user) from a documentation address
// (192.0.2.0/24, RFC 5737), until the throttle refuses. Its counters are removed afterwards, so the run
// leaves nothing that could slow anyone; its failed attempts are audited like any others.
import { randomBytes } from "node:crypto";
import { AppError } from "../../../common/http/app-error";
import type { CheckResult } from "../../../../contracts/security-plan";
import { signIn } from "../auth/sign-in";
import { signInThrottleRules } from "../auth/sign-in-throttle";
import type { AccessContext } from "../context";

export async function checkSignInThrottle(ctx: AccessContext, now: () => Date): Promise<CheckResult> {
  const email = `selfcheck-${randomBytes(6).toString("hex")}@selfcheck.invalid`;
  const sourceIp = `192.0.2.${1 + randomBytes(1)[0] % 254}`;
  const limit = signInThrottleRules.unknownDevicesPerAccount.failures;
  const budget = limit + 5;
  let refusedAt: number | null = null;
  let retryAfterSeconds: number | null = null;
  const answers: Record<string, number> = {};
  try {
    for (let attempt = 1; attempt <= budget; attempt += 1) {
      try {
        await signIn(ctx, { email, password: `wrong-guess-${attempt}-${randomBytes(4).toString("hex")}` }, { requestId: `selfcheck-${attempt}`, sourceIp });
        answers["signed in"] = (answers["signed in"] ?? 0) + 1;
      } catch (e) {
        const code = e instanceof AppError ? e.code : "error";
        answers[code] = (answers[code] ?? 0) + 1;
        if (code === "too-many-requests") {
          refusedAt = attempt;
          retryAfterSeconds = (e as AppError).extra.retryAfterSeconds ?? null;
          break;
        }
        if (!(e instanceof AppError)) throw e;
      }
    }
  } catch (e) {
    return { checkId: "sign-in.throttle", result: "fail", sentence: `The brute-force run could not be made: ${(e as Error).message}.`, evidence: { account: email, sourceIp }, checkedAt: now().toISOString() };
  } finally {
    // The throttle's keys are "<prefix>:<account or address>"; both are this run's own.
    await ctx.prisma.rateLimit.deleteMany({ where: { OR: [{ key: { endsWith: `:${email}` } }, { key: { endsWith: `:${sourceIp}` } }] } });
  }
  const ok = refusedAt !== null && refusedAt <= limit + 1;
  return {
    checkId: "sign-in.throttle",
    result: ok ? "pass" : "fail",
    sentence: ok
      ? `A brute-force run against sign-in was stopped at attempt ${refusedAt} (the account allows ${limit} failures per ${signInThrottleRules.unknownDevicesPerAccount.windowMinutes} minutes), told to wait ${retryAfterSeconds ?? "?"} s.`
      : `A brute-force run of ${budget} wrong passwords against sign-in was ${refusedAt ? `stopped only at attempt ${refusedAt}` : "never stopped"}.`,
    evidence: { account: email, sourceIp, attemptsAllowedBeforeRefusal: limit, refusedAtAttempt: refusedAt, retryAfterSeconds, answers, cleanedUp: true },
    checkedAt: now().toISOString(),
  };
}
