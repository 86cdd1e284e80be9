// The security plan as data: Tessera's controls mapped to NIST CSF 2.0 (functions GV, ID, PR, DE, RS, RC
// and their categories), each in plain language and, where the system can show it, the id of the live
// self-check whose latest result is its evidence; and the API shapes of the plan page. Pure: the access
// service runs the checks (services/access/domain/security-plan/), the web tier and the PDF render this.
import { z } from "zod";

export const csfFunctions = [
  { id: "GV", name: "Govern", summary: "How security is decided, owned and reviewed." },
  { id: "ID", name: "Identify", summary: "What is held, who can reach it, and what could go wrong." },
  { id: "PR", name: "Protect", summary: "The safeguards that keep data and access in the right hands." },
  { id: "DE", name: "Detect", summary: "How Tessera notices that something is wrong." },
  { id: "RS", name: "Respond", summary: "What happens once an incident is found." },
  { id: "RC", name: "Recover", summary: "How service and trust are restored." },
] as const;
export type CsfFunctionId = (typeof csfFunctions)[number]["id"];

/** The live self-checks, by id. Each produces pass, fail or not-applicable with a sentence, evidence and its time. */
export const checkIds = [
  "credentials.own-database",
  "credentials.targets",
  "tls.services",
  "keys.by-purpose",
  "passwords.policy",
  "audit.chain",
  "web-tier.no-secrets",
  "sign-in.throttle",
  "access-review.privileged",
] as const;
export type CheckId = (typeof checkIds)[number];
export const checkId = z.enum(checkIds);

export const checkTitles: Record<CheckId, string> = {
  "credentials.own-database": "No default credentials on Tessera's own databases",
  "credentials.targets": "No default credentials on the hosts the operator lists",
  "tls.services": "TLS posture of each internal service",
  "keys.by-purpose": "Keys separated by purpose, with age and last rotation",
  "passwords.policy": "The password policy in force",
  "audit.chain": "The audit chain verified up to its anchored head",
  "web-tier.no-secrets": "The web tier holds no database URL or storage key",
  "sign-in.throttle": "Throttling stops a brute-force run against sign-in",
  "access-review.privileged": "Privileged accounts, OAuth clients and certificates reviewed",
};

export type Control = {
  /** The CSF 2.0 category, e.g. "PR.AA"; the control's own id adds a number. */
  id: string;
  function: CsfFunctionId;
  category: string;
  categoryName: string;
  text: string;
  check?: CheckId;
};

/** Tessera's security plan. Text says what Tessera does; a check shows it live where the system can. */
export const securityControls: readonly Control[] = [
  { id: "GV.RR-1", function: "GV", category: "GV.RR", categoryName: "Roles, Responsibilities, and Authorities", text: "Platform administrators own the security plan. Only they may run the self-checks on demand and sign off the access review; every sign-off is recorded in the audit chain with who signed and when." },
  { id: "GV.OV-1", function: "GV", category: "GV.OV", categoryName: "Oversight", text: "Privileged access is reviewed: every platform and tenant administrator, OAuth client and certificate issued since the last review is listed, and the review is signed off by a platform administrator.", check: "access-review.privileged" },
  { id: "GV.SC-1", function: "GV", category: "GV.SC", categoryName: "Cybersecurity Supply Chain Risk Management", text: "The services Tessera talks to (databases, brokers, caches the operator lists) are checked for default credentials on a schedule, not only at installation.", check: "credentials.targets" },
  { id: "ID.AM-1", function: "ID", category: "ID.AM", categoryName: "Asset Management", text: "Keys are inventoried by purpose (transport, storage, signing, lookup digests, audit MACs) with their algorithm, age and last rotation; no key serves two purposes and none is stored in a database it protects.", check: "keys.by-purpose" },
  { id: "ID.RA-1", function: "ID", category: "ID.RA", categoryName: "Risk Assessment", text: "The self-checks run every few minutes in the access service and on demand (`tessera selfcheck`); a failing check is shown on the security plan and on the console's dashboard until it passes." },
  { id: "PR.AA-1", function: "PR", category: "PR.AA", categoryName: "Identity Management, Authentication, and Access Control", text: "No default credentials anywhere: Tessera's own PostgreSQL must not let its user in without a password, and the first administrator is created through a single-use setup link.", check: "credentials.own-database" },
  { id: "PR.AA-2", function: "PR", category: "PR.AA", categoryName: "Identity Management, Authentication, and Access Control", text: "Passwords follow NIST SP 800-63B: a long minimum length, a blocklist of common and breached passwords, no composition rules and no forced periodic change; they are stored as argon2id hashes at OWASP parameters.", check: "passwords.policy" },
  { id: "PR.AA-3", function: "PR", category: "PR.AA", categoryName: "Identity Management, Authentication, and Access Control", text: "Password guessing is throttled per account and per address without letting an attacker lock a real person out; the self-check runs a real brute-force attempt against a synthetic account.", check: "sign-in.throttle" },
  { id: "PR.DS-1", function: "PR", category: "PR.DS", categoryName: "Data Security", text: "Every internal connection is mutual TLS 1.3 with short-lived ECDSA certificates from the deployment's own CA, and a revocation list that is kept current.", check: "tls.services" },
  { id: "PR.DS-2", function: "PR", category: "PR.DS", categoryName: "Data Security", text: "The public web tier holds no customer data, no database connection and no storage, signing or audit key: a compromised web host yields no stored secret.", check: "web-tier.no-secrets" },
  { id: "PR.DS-3", function: "PR", category: "PR.DS", categoryName: "Data Security", text: "Secrets are never stored in plain text: tokens as keyed digests shown once, license keys encrypted under a versioned AES-256-GCM keyring that rotates online." },
  { id: "DE.CM-1", function: "DE", category: "DE.CM", categoryName: "Continuous Monitoring", text: "Every change of state is written to an append-only, hash-chained audit log through a transactional outbox; the chain is verified up to its newest signed checkpoint, so a deleted or altered event is seen.", check: "audit.chain" },
  { id: "DE.AE-1", function: "DE", category: "DE.AE", categoryName: "Adverse Event Analysis", text: "Refused requests, failed sign-ins and throttled attempts are audited with source address and request id, so that a run of them can be traced." },
  { id: "RS.MA-1", function: "RS", category: "RS.MA", categoryName: "Incident Management", text: "A platform administrator opens an incident, marks the districts concerned and records each notice; each district's notification clock runs from the determination." },
  { id: "RS.MI-1", function: "RS", category: "RS.MI", categoryName: "Incident Mitigation", text: "A compromised node is shunned at once: revoking its certificate ends the connections it already holds; a token, a license or an OAuth client can be revoked alone." },
  { id: "RC.RP-1", function: "RC", category: "RC.RP", categoryName: "Incident Recovery Plan Execution", text: "Keys are rotated online (storage keyring, signing keys, certificates) without downtime, and data encrypted under an old key is re-encrypted in resumable batches." },
  { id: "RC.CO-1", function: "RC", category: "RC.CO", categoryName: "Incident Recovery Communication", text: "Districts see each incident that concerns them, its clock and the notice sent, on their compliance pages." },
];

// ---- results ---------------------------------------------------------------------------------------

export const checkOutcome = z.enum(["pass", "fail", "not-applicable"]);
export type CheckOutcome = z.infer<typeof checkOutcome>;

/** Evidence is plain JSON: names, numbers, times and verdicts; never a password, key or token. */
export const checkResult = z.object({
  checkId,
  result: checkOutcome,
  sentence: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  checkedAt: z.iso.datetime(),
});
export type CheckResult = z.infer<typeof checkResult>;

export const accessReviewDto = z.object({
  id: z.string(), // rev_…
  signedOffAt: z.iso.datetime(),
  signedOffBy: z.string(),
  note: z.string(),
});

/** GET /v1/security-plan */
export const securityPlanResponse = z.object({
  results: z.array(checkResult),
  lastReview: accessReviewDto.nullable(),
  generatedAt: z.iso.datetime(),
});
export type SecurityPlanResponse = z.infer<typeof securityPlanResponse>;

/** POST /v1/security-plan/checks/:checkId/run */
export const checkParams = z.object({ checkId });
export const runCheckResponse = checkResult;

/** POST /v1/security-plan/access-review */
export const signOffReviewRequest = z.strictObject({
  note: z.string().trim().max(1000, "Use at most 1000 characters.").default(""),
});
export const signOffReviewResponse = z.object({ review: accessReviewDto, result: checkResult });

/** Controls of one CSF function, in plan order. */
export function controlsOf(fn: CsfFunctionId): Control[] {
  return securityControls.filter((c) => c.function === fn);
}
