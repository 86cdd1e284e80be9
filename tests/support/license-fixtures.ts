// License test helpers: a small catalogue (two components, their scopes, two tiers, served by the
// `reports-worker` identity unless told otherwise) written straight into the database, licenses created through the API or inserted as rows (for terms in the past), and
// readers for what a test must prove (audit events, a snapshot of everything license writes touch).
import type { z } from "zod";
import type { getLicenseResponse, LicenseHolder } from "../../contracts/license-api";
import { digestLicenseKey, generateLicenseKey, openStoredLicenseKey, sealLicenseKey } from "../../services/access/domain/licenses/license-key";
import { newId } from "../../services/access/domain/secrets/ids";
import { changeEventCount } from "./refusal-fixtures";
import { serveComponents, testResourceServer } from "./resource-server-fixtures";
import { authorization, type SignedInPerson } from "./tenant-fixtures";
import type { AccessHarness } from "./start-access-service";

export type LicenseCatalogue = {
  reports: { id: string; key: string };
  etl: { id: string; key: string };
  /** reports:read only, 5 seats. */
  basic: { id: string; seats: number };
  /** reports:read, reports:write, etl:run, 50 seats. */
  pro: { id: string; seats: number };
};

/**
 * Components "<prefix>reports" and "<prefix>etl" with scopes, tiers "basic" and "pro", and the resource
 * servers (certificate identities) that may validate and introspect for both components.
 */
export async function createLicenseCatalogue(h: AccessHarness, prefix = "t", options: { resourceServers?: string[] } = {}): Promise<LicenseCatalogue> {
  const component = async (key: string, actions: string[]) => {
    const id = newId("cmp");
    await h.prisma.component.create({ data: { id, key, name: key.toUpperCase() } });
    const scopes: Record<string, string> = {};
    for (const action of actions) {
      scopes[action] = newId("scp");
      await h.prisma.scope.create({ data: { id: scopes[action], key: `${key}:${action}`, componentId: id } });
    }
    return { id, key, scopes };
  };
  const reports = await component(`${prefix}reports`, ["read", "write"]);
  const etl = await component(`${prefix}etl`, ["run"]);
  for (const identity of options.resourceServers ?? [testResourceServer]) await serveComponents(h, identity, [reports.id, etl.id]);
  const tier = async (key: string, seats: number, scopeIds: string[]) => {
    const id = newId("tier");
    await h.prisma.serviceTier.create({
      data: {
        id,
        key: `${prefix}${key}`,
        name: `${prefix}${key[0].toUpperCase()}${key.slice(1)}`,
        seats,
        tokensPerLicense: 10,
        requestsPerMinute: 600,
        tokenDefaultTtlHours: 24,
        tokenMaxTtlHours: 720,
        scopes: { create: scopeIds.map((scopeId) => ({ scopeId })) },
      },
    });
    return { id, seats };
  };
  return {
    reports: { id: reports.id, key: reports.key },
    etl: { id: etl.id, key: etl.key },
    basic: await tier("basic", 5, [reports.scopes.read]),
    pro: await tier("pro", 50, [reports.scopes.read, reports.scopes.write, etl.scopes.run]),
  };
}

const day = 86_400_000;
export const inDays = (n: number) => new Date(Date.now() + n * day).toISOString();

/** Creates a license through POST /v1/licenses as `admin`; throws unless 201. */
export async function createLicenseViaApi(
  h: AccessHarness,
  admin: SignedInPerson,
  input: { tenantId: string; componentId: string; tierId: string; seats?: number; startsAt?: string; endsAt?: string; holder?: LicenseHolder },
) {
  const web = await h.as("web");
  const res = await web.json<z.infer<typeof getLicenseResponse>>(
    "POST",
    "/v1/licenses",
    { startsAt: inDays(-1), endsAt: inDays(365), ...input },
    authorization(admin),
  );
  if (res.status !== 201) throw new Error(`create license failed with ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.license;
}

let fixtureHolders = 0;

/**
 * A license row with a known key, written directly (any status, any term), its key in the older form under
 * the keyring itself. Each row has a holder of its own unless `holder` is given: rows written past the
 * endpoints bypass the one-live-license guard, and only the database's index (stored status) still applies.
 */
export async function insertLicenseRow(
  h: AccessHarness,
  input: { tenantId: string; componentId: string; tierId: string; status?: "active" | "suspended" | "expired" | "revoked"; startsAt?: Date; endsAt?: Date; seats?: number; holder?: LicenseHolder },
) {
  const id = newId("lic");
  const key = generateLicenseKey();
  const holder = input.holder ?? { kind: "person", name: `fixture-holder-${++fixtureHolders}` };
  await h.prisma.license.create({
    data: {
      id,
      tenantId: input.tenantId,
      holderKind: holder.kind,
      holderName: holder.name,
      componentId: input.componentId,
      tierId: input.tierId,
      seats: input.seats ?? 5,
      startsAt: input.startsAt ?? new Date(Date.now() - day),
      endsAt: input.endsAt ?? new Date(Date.now() + 365 * day),
      status: input.status ?? "active",
      keyCiphertext: sealLicenseKey(h.ctx.keyring, id, key),
      keyDigest: digestLicenseKey(h.ctx.keys.secretDigest, key),
    },
  });
  return { id, key };
}

/** The plaintext key of a license, read the way the service does (for validation tests). */
export async function licenseKeyOf(h: AccessHarness, id: string): Promise<string> {
  const row = await h.prisma.license.findUniqueOrThrow({ where: { id }, select: { keyCiphertext: true } });
  return openStoredLicenseKey(h.prisma, h.ctx.keyring, h.ctx.dataKeys, id, row.keyCiphertext);
}

export type RecordedEvent = {
  action: string;
  outcome: string;
  actor: { type: string; id: string | null };
  target: { type: string; id: string } | null;
  tenantId: string | null;
  data: Record<string, unknown>;
};

/** Outbox event payloads, oldest first, optionally only those about one license. */
export async function recordedEvents(h: AccessHarness, licenseId?: string): Promise<RecordedEvent[]> {
  const rows = await h.prisma.outboxEvent.findMany({ orderBy: { createdAt: "asc" } });
  const events = rows.map((row) => row.payload as RecordedEvent);
  return licenseId ? events.filter((e) => e.target?.type === "license" && e.target.id === licenseId) : events;
}

/** Everything a license write could touch, comparable before and after a refused request (whose own audit event is left out). */
export async function licenseSnapshot(h: AccessHarness) {
  const [licenses, events] = await Promise.all([h.prisma.license.findMany({ orderBy: { id: "asc" } }), changeEventCount(h)]);
  return JSON.stringify({ licenses, events });
}
