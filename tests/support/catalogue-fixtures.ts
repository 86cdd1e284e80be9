// Catalogue test helpers: licenses written straight into the database (the license endpoints are
// another area's), and a snapshot of everything catalogue writes touch, to prove a refusal changed nothing.
import { digestLicenseKey, generateLicenseKey, sealLicenseKey } from "../../services/access/domain/licenses/license-key";
import { newId } from "../../services/access/domain/secrets/ids";
import { changeEventCount } from "./refusal-fixtures";
import type { AccessHarness } from "./start-access-service";

type LicenseStatus = "active" | "suspended" | "expired" | "revoked";

let fixtureHolders = 0;

/** A license row for `componentKey` on a tier, with a real sealed key. */
export async function insertLicense(h: AccessHarness, input: { tenantId: string; componentKey: string; tierId: string; status?: LicenseStatus }) {
  const component = await h.prisma.component.findUniqueOrThrow({ where: { key: input.componentKey } });
  const id = newId("lic");
  const key = generateLicenseKey();
  return h.prisma.license.create({
    data: {
      id,
      tenantId: input.tenantId,
      // A holder of its own: rows written here bypass the one-live-license guard.
      holderKind: "person",
      holderName: `fixture-holder-${++fixtureHolders}`,
      componentId: component.id,
      tierId: input.tierId,
      seats: 5,
      startsAt: new Date(Date.now() - 86_400_000),
      endsAt: new Date(Date.now() + 365 * 86_400_000),
      status: input.status ?? "active",
      keyCiphertext: sealLicenseKey(h.ctx.keyring, id, key),
      keyDigest: digestLicenseKey(h.ctx.keys.secretDigest, key),
    },
  });
}

/** Everything a catalogue or tier write could touch, in a comparable form (refusals' own audit events left out). */
export async function catalogueSnapshot(h: AccessHarness) {
  const [components, scopes, tiers, tierScopes, resourceServers, events] = await Promise.all([
    h.prisma.component.findMany({ orderBy: { id: "asc" } }),
    h.prisma.scope.findMany({ orderBy: { id: "asc" } }),
    h.prisma.serviceTier.findMany({ orderBy: { id: "asc" } }),
    h.prisma.tierScope.findMany({ orderBy: [{ tierId: "asc" }, { scopeId: "asc" }] }),
    h.prisma.resourceServer.findMany({ orderBy: [{ componentId: "asc" }, { identity: "asc" }] }),
    changeEventCount(h),
  ]);
  return JSON.stringify({ components, scopes, tiers, tierScopes, resourceServers, events });
}

/** The payloads of audit events with `action`, oldest first. */
export async function auditEvents(h: AccessHarness, action: string) {
  const rows = await h.prisma.outboxEvent.findMany({ orderBy: { createdAt: "asc" } });
  return rows
    .map((row) => row.payload as { action: string; actor: { type: string; id: string | null }; target: { type: string; id: string } | null; data: Record<string, unknown> })
    .filter((event) => event.action === action);
}
