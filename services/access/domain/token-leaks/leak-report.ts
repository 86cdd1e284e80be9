// A secret scanner's report of leaked tokens (GitHub's secret-scanning partner program): believed only when
// signed (ECDSA P-256 over the exact bytes received) by a registered key that is not retired; then each
// Tessera token in it that is still live is revoked at once, every Tessera token found is audited in its
// tenant's log (the tenant's audit log and the token's page say so), the batch itself once at platform
// level (token.leak_batch: how many entries, revoked, already revoked or expired, unknown), and each entry
// is labelled true_positive or false_positive. A refused report changes nothing but is audited
// (leak-refusal-audit.ts). Found tokens are never stored, echoed or logged: the answer names each by its SHA-256.
import { createHash, createPublicKey, verify } from "node:crypto";
import { leakReportBatch, maxLeakBatch, type ForwardedLeakReport, type LeakReportItem, type LeakReportResponse } from "../../../../contracts/token-leak-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { findSecret } from "../../outbox/assert-no-secrets";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { digestToken, isWellFormedToken } from "../tokens/token-format";
import { leakBatchAction, recordableIdentifier, type LeakRefusal, type LeakRefusalAudit } from "./leak-refusal-audit";

/** The revokeReason of a token a scanner reported while it was live. */
export const leakRevokeReason = "leak-reported";

type Reporter = { id: string; reporter: string };

/** A refusal, and what its audit event says of the key. */
class ReportRefused extends Error {
  constructor(
    readonly error: AppError,
    readonly key: LeakRefusal["key"],
  ) {
    super(error.message);
  }
}

/** The reporter whose key signed `body`, or 401 (unknown or retired key, bad signature) before the body is read. */
async function signedBy(ctx: AccessContext, report: ForwardedLeakReport, body: Buffer): Promise<Reporter> {
  const key = await ctx.prisma.secretScannerKey.findFirst({ where: { keyIdentifier: report.keyIdentifier }, select: { id: true, reporter: true, publicKey: true, retiredAt: true } });
  const named = key ? { id: key.id, reporter: key.reporter, retired: key.retiredAt !== null } : null;
  if (!key || key.retiredAt) throw new ReportRefused(new AppError("unauthenticated", "The report is signed with a key that is not registered (or is retired).", { reason: "unknown-key" }), named);
  const signature = Buffer.from(report.signature, "base64");
  let valid = false;
  try {
    valid = signature.length > 0 && verify("sha256", body, { key: createPublicKey(key.publicKey), dsaEncoding: "der" }, signature);
  } catch {
    valid = false;
  }
  if (!valid) throw new ReportRefused(new AppError("unauthenticated", "The report's signature does not match its body and key.", { reason: "bad-signature" }), named);
  return { id: key.id, reporter: key.reporter };
}

function parseBatch(body: Buffer): LeakReportItem[] {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AppError("bad-request", "The report is not valid JSON.", { reason: "malformed-report" });
  }
  if (Array.isArray(json) && json.length > maxLeakBatch) {
    throw new AppError("bad-request", `The report holds ${json.length} tokens; send at most ${maxLeakBatch} at a time.`, { reason: "batch-too-large" });
  }
  const parsed = leakReportBatch.safeParse(json);
  if (!parsed.success) throw new AppError("bad-request", 'The report must be a JSON array of {"token","type","url","source"}.', { reason: "malformed-report" });
  return parsed.data;
}

/** Where it was found, for the tenant: dropped if it could carry a secret itself. */
function safeText(text: string, max: number): string | null {
  const cut = text.slice(0, max);
  return cut && findSecret(cut) === null && !/tsr_/.test(cut) ? cut : null;
}

/** What became of one entry: a Tessera token revoked now, one already revoked or expired, or not Tessera's. */
type EntryState = "revoked" | "already-revoked" | "already-expired" | "unknown";

async function handleOne(tx: TransactionClient, ctx: AccessContext, reporter: Reporter, item: LeakReportItem, meta: RequestMeta, now: Date): Promise<EntryState> {
  if (!isWellFormedToken(item.token)) return "unknown";
  const token = await tx.token.findUnique({ where: { digest: digestToken(ctx.keys.secretDigest, item.token) }, select: { id: true, tenantId: true, licenseId: true, revokedAt: true, expiresAt: true } });
  if (!token) return "unknown";
  const { count } = await tx.token.updateMany({ where: { id: token.id, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now, revokedById: null, revokeReason: leakRevokeReason } });
  const state = count === 1 ? "revoked" : token.revokedAt ? "already-revoked" : "already-expired";
  await recordEvent(tx, {
    action: count === 1 ? "token.leak_revoke" : "token.leak_report",
    outcome: "success",
    actor: { type: "service", id: reporter.id, label: reporter.reporter },
    target: { type: "token", id: token.id },
    tenantId: token.tenantId,
    sourceIp: meta.sourceIp,
    requestId: meta.requestId,
    data: { licenseId: token.licenseId, state, reporter: reporter.reporter, foundAt: safeText(item.url, 500), source: safeText(item.source, 100) },
  });
  return state;
}

/** The signer and the entries, or the refusal audited (once a window per reason and key) and thrown. */
async function acceptedReport(ctx: AccessContext, refusals: LeakRefusalAudit, report: ForwardedLeakReport, meta: RequestMeta): Promise<{ reporter: Reporter; items: LeakReportItem[] }> {
  const body = Buffer.from(report.body, "base64");
  let reporter: Reporter | null = null;
  try {
    reporter = await signedBy(ctx, report, body);
    return { reporter, items: parseBatch(body) };
  } catch (thrown) {
    const refused = thrown instanceof ReportRefused ? thrown : thrown instanceof AppError ? new ReportRefused(thrown, reporter && { ...reporter, retired: false }) : null;
    if (!refused) throw thrown;
    await refusals.record(ctx, { reason: refused.error.extra.reason ?? refused.error.code, keyIdentifier: report.keyIdentifier, key: refused.key }, meta);
    throw refused.error;
  }
}

export async function receiveLeakReport(ctx: AccessContext, refusals: LeakRefusalAudit, report: ForwardedLeakReport, meta: RequestMeta): Promise<LeakReportResponse> {
  const { reporter, items } = await acceptedReport(ctx, refusals, report, meta);
  const now = new Date();
  const { answers, revoked } = await ctx.prisma.$transaction(async (tx) => {
    const answers: LeakReportResponse = [];
    const tally: Record<EntryState, number> = { revoked: 0, "already-revoked": 0, "already-expired": 0, unknown: 0 };
    // In order, one at a time: a token reported twice in one batch is revoked once, then reported.
    for (const item of items) {
      const state = await handleOne(tx, ctx, reporter, item, meta, now);
      tally[state] += 1;
      answers.push({ token_hash: createHash("sha256").update(item.token).digest("hex"), token_type: item.type, label: state === "unknown" ? "false_positive" : "true_positive" });
    }
    // The batch itself, platform-level: the unknown entries leave this count and nothing else.
    await recordEvent(tx, {
      action: leakBatchAction,
      outcome: "success",
      actor: { type: "service", id: reporter.id, label: reporter.reporter },
      target: { type: "secret_scanner_key", id: reporter.id },
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: {
        reporter: reporter.reporter,
        keyIdentifier: recordableIdentifier(report.keyIdentifier),
        entries: items.length,
        revoked: tally.revoked,
        alreadyRevoked: tally["already-revoked"],
        alreadyExpired: tally["already-expired"],
        unknown: tally.unknown,
      },
    });
    return { answers, revoked: tally.revoked };
  });
  ctx.metrics.revoked(leakRevokeReason, revoked);
  return answers;
}
