// The "backdoor" review: every privileged account (platform and tenant administrators), live OAuth client
// and certificate issued (internal CA and license certificates, from the audit chain) since the last review,
// which a platform administrator signs off. The check fails while anything privileged is newer than the
// last sign-off, or before the first one. Evidence names ids and roles, never an e-mail address.
import type { CheckResult } from "../../../../contracts/security-plan";
import { listEventsResponse, type StoredEvent } from "../../../../contracts/audit-api";
import { recordEvent } from "../../outbox/record-event";
import type { AuditClient } from "../../outbox/deliver-batch";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { newId } from "../secrets/ids";

const certificateActions = ["pki.certificate_issue", "pki.certificate_renew", "license.certificate_issue"];
const listed = 50;

type Inventory = {
  accounts: { id: string; role: string; tenantId: string | null; createdAt: string }[];
  oauthClients: { id: string; tenantId: string; certIdentity: string; createdAt: string }[];
  certificates: { action: string; target: string | null; occurredAt: string }[] | null;
  certificatesError?: string;
};

/** Certificate events newer than `since` (all when null), newest first, read through the audit client. */
async function certificatesSince(audit: AuditClient | null, since: Date | null): Promise<Inventory["certificates"]> {
  if (!audit) return null;
  const found: StoredEvent[] = [];
  for (const action of certificateActions) {
    let beforeSeq: number | null = null;
    for (let page = 0; page < 20; page += 1) {
      const res = await audit.json("GET", `/v1/events?limit=200&action=${action}${beforeSeq ? `&beforeSeq=${beforeSeq}` : ""}`);
      if (res.status !== 200) throw new Error(`the audit service answered ${res.status}`);
      const { events, nextBeforeSeq } = listEventsResponse.parse(res.body);
      const fresh = events.filter((e) => !since || Date.parse(e.occurredAt) > since.getTime());
      found.push(...fresh);
      if (fresh.length < events.length || nextBeforeSeq === null) break;
      beforeSeq = nextBeforeSeq;
    }
  }
  return found.map((e) => ({ action: e.action, target: e.target?.id ?? null, occurredAt: e.occurredAt }));
}

async function inventory(ctx: AccessContext, since: Date | null): Promise<Inventory> {
  const created = since ? { createdAt: { gt: since } } : {};
  const [accounts, oauthClients] = await Promise.all([
    ctx.prisma.user.findMany({ where: { role: { in: ["platform_admin", "tenant_admin"] }, disabledAt: null, ...created }, orderBy: { createdAt: "desc" }, select: { id: true, role: true, tenantId: true, createdAt: true } }),
    ctx.prisma.oAuthClient.findMany({ where: { revokedAt: null, ...created }, orderBy: { createdAt: "desc" }, select: { id: true, tenantId: true, certIdentity: true, createdAt: true } }),
  ]);
  let certificates: Inventory["certificates"] = null;
  let certificatesError: string | undefined;
  try {
    certificates = await certificatesSince(ctx.auditClient, since);
  } catch (e) {
    certificatesError = (e as Error).message;
  }
  return {
    accounts: accounts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    oauthClients: oauthClients.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    certificates,
    ...(certificatesError ? { certificatesError } : {}),
  };
}

export async function lastAccessReview(ctx: Pick<AccessContext, "prisma">) {
  return ctx.prisma.accessReview.findFirst({ orderBy: { signedOffAt: "desc" } });
}

export async function checkAccessReview(ctx: AccessContext, now: () => Date): Promise<CheckResult> {
  const last = await lastAccessReview(ctx);
  const since = last?.signedOffAt ?? null;
  const fresh = await inventory(ctx, since);
  const newCount = fresh.accounts.length + fresh.oauthClients.length + (fresh.certificates?.length ?? 0);
  const review = last ? { id: last.id, signedOffAt: last.signedOffAt.toISOString(), signedOffBy: last.signedOffBy } : null;
  const evidence = {
    lastReview: review,
    newSinceReview: { accounts: fresh.accounts.slice(0, listed), oauthClients: fresh.oauthClients.slice(0, listed), certificates: fresh.certificates?.slice(0, listed) ?? null },
    counts: { accounts: fresh.accounts.length, oauthClients: fresh.oauthClients.length, certificates: fresh.certificates?.length ?? null },
    ...(fresh.certificatesError || !ctx.auditClient ? { certificatesUnavailable: fresh.certificatesError ?? "no audit service configured" } : {}),
  };
  const what = `${fresh.accounts.length} privileged account(s), ${fresh.oauthClients.length} OAuth client(s) and ${fresh.certificates?.length ?? "an unknown number of"} certificate(s)`;
  const result: CheckResult["result"] = !last || newCount > 0 || fresh.certificates === null ? "fail" : "pass";
  const sentence = !last
    ? `No access review has been signed off yet: ${what} await review.`
    : newCount > 0
      ? `Since the review of ${review!.signedOffAt}: ${what} are new and await review.`
      : fresh.certificates === null
        ? `Nothing privileged in the access database is newer than the review of ${review!.signedOffAt}, but the certificates issued could not be read (${evidence.certificatesUnavailable}).`
        : `Nothing privileged is newer than the review of ${review!.signedOffAt} signed off by ${review!.signedOffBy}.`;
  return { checkId: "access-review.privileged", result, sentence, evidence, checkedAt: now().toISOString() };
}

/** A platform administrator signs off the review of everything privileged as it stands now (audited). */
export async function signOffAccessReview(ctx: AccessContext, actor: Actor, input: { note: string }, meta: RequestMeta) {
  const all = await inventory(ctx, null);
  const snapshot = {
    accounts: all.accounts.length,
    oauthClients: all.oauthClients.length,
    certificates: all.certificates?.length ?? null,
    accountIds: all.accounts.map((a) => a.id),
    oauthClientIds: all.oauthClients.map((c) => c.id),
  };
  return ctx.prisma.$transaction(async (tx) => {
    const review = await tx.accessReview.create({ data: { id: newId("rev"), signedOffAt: ctx.now(), signedOffById: actor.userId, signedOffBy: actor.name || actor.email, note: input.note, snapshot } });
    await recordEvent(tx, {
      action: "security_plan.access_review_sign_off",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "access-review", id: review.id },
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { accounts: snapshot.accounts, oauthClients: snapshot.oauthClients, certificates: snapshot.certificates, note: input.note },
    });
    return review;
  });
}
