// A component's report of disclosures it made (34 CFR 99.32), over mTLS: each names the license or token
// it was made under, and the component may report only under credentials of a component it is a resource
// server of (as introspection and validation decide what it may know). A batch naming any other credential
// — another component's, or one that does not exist — is refused whole with one sentence for both, so a
// component learns nothing of credentials it does not serve. A batch is stored in one transaction: the
// idempotency rows (by the component's own id) and one audit event per new disclosure, through the outbox.
import { randomUUID } from "node:crypto";
import type { ReportDisclosuresRequest, ReportDisclosuresResponse, ReportedDisclosure } from "../../../../contracts/disclosure-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvents, type RecordableEvent } from "../../outbox/record-event";
import { serviceActor } from "../actors/actor";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";

export const notServedSentence = "This component serves no such license or token: report disclosures only under credentials of the components it is a resource server of.";

type Credential = { type: "license" | "token"; id: string };
const credentialOf = (d: ReportedDisclosure): Credential => (d.tokenId ? { type: "token", id: d.tokenId } : { type: "license", id: d.licenseId! });

export async function reportDisclosures(ctx: AccessContext, caller: string, input: ReportDisclosuresRequest, meta: RequestMeta): Promise<ReportDisclosuresResponse> {
  // The same id twice in one batch is one disclosure (the first wins), as it would be across batches.
  const byId = new Map<string, ReportedDisclosure>();
  for (const d of input.disclosures) if (!byId.has(d.id)) byId.set(d.id, d);
  const disclosures = [...byId.values()];
  return ctx.prisma.$transaction(async (tx) => {
    const tenants = await servedTenants(tx, caller, disclosures.map(credentialOf));
    const refused = disclosures.flatMap((d, i) => (tenants.has(key(credentialOf(d))) ? [] : [i]));
    if (refused.length) {
      const fieldErrors = Object.fromEntries(refused.slice(0, 20).map((i) => [`disclosures.${i}.${disclosures[i].tokenId ? "tokenId" : "licenseId"}`, [notServedSentence]]));
      throw new AppError("validation-failed", `Nothing was stored: ${refused.length} of the disclosures name a credential this component does not serve.`, { fieldErrors, reason: "not-served", internal: `caller ${caller}` });
    }
    const rows = disclosures.map((d) => ({ d, eventId: randomUUID(), tenantId: tenants.get(key(credentialOf(d)))! }));
    const fresh = new Set(
      (
        await tx.$queryRaw<{ report_id: string }[]>`
          INSERT INTO "disclosure_reports" ("caller", "report_id", "event_id", "tenant_id")
          SELECT ${caller}, r.report_id, r.event_id, r.tenant_id
          FROM unnest(${rows.map((r) => r.d.id)}::text[], ${rows.map((r) => r.eventId)}::uuid[], ${rows.map((r) => r.tenantId)}::text[]) AS r(report_id, event_id, tenant_id)
          ON CONFLICT DO NOTHING
          RETURNING "report_id"`
      ).map((r) => r.report_id),
    );
    const events: RecordableEvent[] = rows.filter((r) => fresh.has(r.d.id)).map(({ d, eventId, tenantId }) => ({
      id: eventId,
      action: "disclosure.report",
      outcome: "success",
      actor: serviceActor(caller),
      target: credentialOf(d),
      tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { reportId: d.id, party: d.party, legitimateInterest: d.legitimateInterest, category: d.category, studentIds: [...new Set(d.studentIds)], disclosedAt: new Date(d.disclosedAt).toISOString() },
    }));
    await recordEvents(tx, events);
    return { stored: events.length, duplicates: input.disclosures.length - events.length };
  });
}

const key = (c: Credential) => `${c.type} ${c.id}`;

/** The tenant of each named credential whose component `caller` serves (others are absent). */
async function servedTenants(tx: TransactionClient, caller: string, credentials: Credential[]): Promise<Map<string, string>> {
  const served = { component: { resourceServers: { some: { identity: caller } } } };
  const licenseIds = [...new Set(credentials.filter((c) => c.type === "license").map((c) => c.id))];
  const tokenIds = [...new Set(credentials.filter((c) => c.type === "token").map((c) => c.id))];
  const [licenses, tokens] = await Promise.all([
    licenseIds.length ? tx.license.findMany({ where: { id: { in: licenseIds }, ...served }, select: { id: true, tenantId: true } }) : [],
    tokenIds.length ? tx.token.findMany({ where: { id: { in: tokenIds }, license: served }, select: { id: true, tenantId: true } }) : [],
  ]);
  return new Map([...licenses.map((l) => [key({ type: "license", id: l.id }), l.tenantId] as const), ...tokens.map((t) => [key({ type: "token", id: t.id }), t.tenantId] as const)]);
}
