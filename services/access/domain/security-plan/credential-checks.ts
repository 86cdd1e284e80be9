// No default credentials on what the deployment talks to: its own PostgreSQL (a server that lets the
// configured user in without a password is a finding) and each host the operator lists
// (postgresql://, amqp://, redis://). Targets are named in evidence without their password.
import fs from "node:fs";
import path from "node:path";
import type { CheckResult } from "../../../../contracts/security-plan";
import { probeAmqp, probePostgres, probeRedis, type ProbeVerdict } from "./default-credential-probes";

export const targetSchemes = ["postgresql:", "postgres:", "amqp:", "redis:"] as const;

/** A URL as evidence may show it: scheme, user, host, port and path; never its password or query. */
export function redactUrl(url: URL): string {
  const user = url.username ? `${decodeURIComponent(url.username)}@` : "";
  return `${url.protocol}//${user}${url.host}${url.pathname === "/" ? "" : url.pathname}`;
}

/** Parses an operator's target; throws a sentence naming what is wrong (without echoing a password). */
export function parseTarget(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error("a target must be a URL such as amqp://host:5672, redis://host:6379 or postgresql://user@host:5432/db");
  }
  if (!(targetSchemes as readonly string[]).includes(url.protocol)) {
    throw new Error(`target ${redactUrl(url)}: use postgresql://, amqp:// or redis://`);
  }
  if (!url.hostname) throw new Error(`target ${redactUrl(url)} names no host`);
  return url;
}

export type TargetFinding = { target: string; protocol: string; accepted: boolean | null; answer: string };

/** What each kind of host is asked, and the finding when it says yes. */
async function probeTarget(url: URL): Promise<ProbeVerdict & { asked: string }> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  switch (url.protocol) {
    case "amqp:":
      return { asked: "PLAIN guest/guest (the broker's default account)", ...(await probeAmqp(host, Number(url.port || 5672))) };
    case "redis:":
      return { asked: "PING without AUTH", ...(await probeRedis(host, Number(url.port || 6379))) };
    default: {
      const user = decodeURIComponent(url.username) || "postgres";
      const database = url.pathname.replace(/^\//, "") || user;
      return { asked: `user "${user}" without a password`, ...(await probePostgres(host, Number(url.port || 5432), user, database)) };
    }
  }
}

async function findingOf(url: URL): Promise<TargetFinding & { asked?: string }> {
  const target = redactUrl(url);
  try {
    const verdict = await probeTarget(url);
    return { target, protocol: url.protocol.replace(":", ""), accepted: verdict.accepted, asked: verdict.asked, answer: verdict.answer };
  } catch (e) {
    return { target, protocol: url.protocol.replace(":", ""), accepted: null, answer: (e as Error).message };
  }
}

/** Each listed host: a default credential accepted is a finding; a host that cannot be asked also fails (not shown is not safe). */
export async function checkTargets(urls: URL[], now: () => Date): Promise<CheckResult> {
  if (urls.length === 0) {
    return { checkId: "credentials.targets", result: "not-applicable", sentence: "No hosts are listed (SELFCHECK_TARGETS or --target).", evidence: { targets: [] }, checkedAt: now().toISOString() };
  }
  const findings = await Promise.all(urls.map(findingOf));
  const accepted = findings.filter((f) => f.accepted === true);
  const unreachable = findings.filter((f) => f.accepted === null);
  const sentence = accepted.length
    ? `${accepted.length} of ${findings.length} listed host(s) let a default credential in: ${accepted.map((f) => `${f.target} ${f.answer}`).join("; ")}.`
    : unreachable.length
      ? `${unreachable.length} of ${findings.length} listed host(s) could not be checked: ${unreachable.map((f) => `${f.target}: ${f.answer}`).join("; ")}.`
      : `None of the ${findings.length} listed host(s) let a default credential in.`;
  return {
    checkId: "credentials.targets",
    result: accepted.length || unreachable.length ? "fail" : "pass",
    sentence,
    evidence: { targets: findings },
    checkedAt: now().toISOString(),
  };
}

/**
 * Tessera's own database: a configured PostgreSQL is asked whether it lets the configured user in
 * without a password; the embedded one is served on a Unix socket only, which must be private (0600).
 */
export async function checkOwnDatabase(o: { databaseUrl?: string; embeddedDir: string; service: string }, now: () => Date): Promise<CheckResult> {
  const checkedAt = now().toISOString();
  if (!o.databaseUrl) {
    const socket = path.join(path.resolve(o.embeddedDir), ".s.PGSQL.5432");
    const stat = fs.statSync(socket, { throwIfNoEntry: false });
    if (!stat) {
      return { checkId: "credentials.own-database", result: "not-applicable", sentence: `The ${o.service} service uses its embedded database, which is not running here.`, evidence: { database: "embedded", socket }, checkedAt };
    }
    const mode = (stat.mode & 0o777).toString(8).padStart(4, "0");
    const ok = (stat.mode & 0o077) === 0;
    return {
      checkId: "credentials.own-database",
      result: ok ? "pass" : "fail",
      sentence: ok
        ? `The ${o.service} service's embedded database listens on no network port, only on a Unix socket that its own user alone may open (mode ${mode}).`
        : `The ${o.service} service's embedded database socket may be opened by other users (mode ${mode}).`,
      evidence: { database: "embedded", socket, mode },
      checkedAt,
    };
  }
  const url = new URL(o.databaseUrl);
  const socketHost = url.searchParams.get("host");
  if (!url.hostname && socketHost) {
    return { checkId: "credentials.own-database", result: "not-applicable", sentence: `The ${o.service} database is reached over a Unix socket (${socketHost}); its access is the socket's file mode.`, evidence: { database: redactUrl(url) }, checkedAt };
  }
  const finding = await findingOf(url);
  const result = finding.accepted === false ? "pass" : "fail";
  const sentence =
    finding.accepted === true
      ? `The ${o.service} service's PostgreSQL at ${finding.target} ${finding.answer}: anyone who reaches it is in.`
      : finding.accepted === false
        ? `The ${o.service} service's PostgreSQL at ${finding.target} ${finding.answer}.`
        : `The ${o.service} service's PostgreSQL at ${finding.target} could not be checked: ${finding.answer}.`;
  return { checkId: "credentials.own-database", result, sentence, evidence: { database: finding.target, asked: finding.asked ?? null, answer: finding.answer }, checkedAt };
}
