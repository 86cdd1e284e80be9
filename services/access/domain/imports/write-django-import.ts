// Writes a checked Django import in one transaction: new licenses (license.import) and sync updates of
// licenses imported before (license.import_sync, from → to), each audited, with the source's state recorded
// for the next sync, the holder's live-license rule
// applied by the one guard, under a share lock of the tenant row (a tenant suspend, reinstate or close
// waits, and one that came first shows as a changed tenant state). Anything that changed in between rolls
// it all back: a re-run sorts it out.
import type { AuditEvent } from "../../../../contracts/audit-api";
import type { LicenseHolder, LicenseStatus } from "../../../../contracts/license-api";
import { AppError } from "../../../common/http/app-error";
import { createDataKeyCache, liveDataKey } from "../../keys/tenant-data-keys";
import { recordEvent } from "../../outbox/record-event";
import { sealLicenseKeyUnder } from "../licenses/license-key";
import { effectiveStatus } from "../licenses/license-transitions";
import { assertNoOtherLiveLicense, isLiveLicenseViolation } from "../licenses/live-license-guard";
import { newId } from "../secrets/ids";
import type { DjangoLicenseRow } from "./django-license-csv";
import type { HeldState } from "./django-sync";
import type { ImportDeps } from "./import-django-licenses";
import type { ReadDjangoLicense } from "./read-django-license";

export type NewLicense = {
  row: DjangoLicenseRow;
  read: ReadDjangoLicense;
  componentId: string;
  componentKey: string;
  holder: LicenseHolder;
  status: LicenseStatus;
  /** The tenant-suspension mark to write (tenant-import-state.ts); undefined leaves a synced license's as it is. */
  suspendedByTenant: boolean | undefined;
  startsAt: Date;
  source: string;
  digest: string;
};
/** from = to: only the source's state is recorded (it changed to what Tessera holds), nothing audited. */
export type SyncUpdate = NewLicense & { licenseId: string; from: HeldState; to: HeldState; becomesLive: boolean; overrides: string[]; kept: string[] };

const isLive = (status: LicenseStatus) => status === "active" || status === "suspended";

/** Returns the new licenses' ids by import source. */
export async function writeDjangoImport(
  deps: ImportDeps,
  tenant: { id: string; suspended: boolean },
  tier: { id: string; key: string; seats: number },
  creates: NewLicense[],
  updates: SyncUpdate[],
  actor: AuditEvent["actor"],
  now: Date,
): Promise<Map<string, string>> {
  const tenantId = tenant.id;
  const ids = new Map<string, string>();
  const rowData = (p: NewLicense) => ({ source: "django", uniqueId: p.row.unique_id, username: p.row.username, application: p.row.application, component: p.componentKey });
  try {
    await deps.prisma.$transaction(
      async (tx) => {
        const [state] = await tx.$queryRaw<{ suspended: boolean; closing: boolean }[]>`
          SELECT "suspended_at" IS NOT NULL AS "suspended", ("closed_at" IS NOT NULL OR "closing_disposition_id" IS NOT NULL) AS "closing"
          FROM "tenants" WHERE "id" = ${tenantId} FOR KEY SHARE`;
        if (!state || state.closing || state.suspended !== tenant.suspended) throw new AppError("conflict", "the tenant was suspended, reinstated or closed while the import ran");
        // Imported keys go under the tenant's data key, like every new one (a one-off cache: the import runs once).
        const dataKey = creates.length ? await liveDataKey(tx, deps.keyring, createDataKeyCache(1), tenantId) : null;
        for (const p of creates) {
          if (isLive(p.status)) await assertNoOtherLiveLicense(tx, { tenantId, componentId: p.componentId, holder: p.holder }, null, now);
          const id = newId("lic");
          await tx.license.create({
            data: {
              id,
              tenantId,
              componentId: p.componentId,
              tierId: tier.id,
              holderKind: p.holder.kind,
              holderName: p.holder.name,
              seats: tier.seats,
              startsAt: p.startsAt,
              endsAt: p.read.endsAt,
              status: p.status,
              suspendedByTenant: p.suspendedByTenant ?? false,
              statusChangedAt: now,
              keyCiphertext: sealLicenseKeyUnder(dataKey!, id, p.read.licenseText),
              keyDigest: p.digest,
              importSource: p.source,
              sourceActive: p.read.active,
              sourceEndsAt: p.read.endsAt,
            },
            select: { id: true },
          });
          await recordEvent(tx, {
            action: "license.import",
            outcome: "success",
            actor,
            target: { type: "license", id },
            tenantId,
            sourceIp: null,
            requestId: null,
            data: { ...rowData(p), tierKey: tier.key, status: p.status, ...(p.suspendedByTenant ? { byTenant: true } : {}), startsAt: p.startsAt.toISOString(), endsAt: p.read.endsAt.toISOString() },
          });
          ids.set(p.source, id);
        }
        for (const u of updates) {
          // Still as planned? Another writer in between (an admin's revoke) means the plan is stale.
          const locked = await tx.$queryRaw<{ status: LicenseStatus; endsAt: Date; suspendedByTenant: boolean }[]>`
            SELECT "status"::text AS "status", "ends_at" AS "endsAt", "suspended_by_tenant" AS "suspendedByTenant" FROM "licenses" WHERE "id" = ${u.licenseId} AND "tenant_id" = ${tenantId} FOR UPDATE`;
          const held = locked[0];
          if (!held || effectiveStatus(held, now) !== u.from.status || held.endsAt.getTime() !== u.from.endsAt.getTime()) {
            throw new AppError("conflict", `license ${u.licenseId} changed while the import ran`);
          }
          const recordedSource = { sourceActive: u.read.active, sourceEndsAt: u.read.endsAt };
          const mark = u.suspendedByTenant !== undefined && u.suspendedByTenant !== held.suspendedByTenant ? { suspendedByTenant: u.suspendedByTenant } : {};
          if (u.from.status === u.to.status && u.from.endsAt.getTime() === u.to.endsAt.getTime() && !("suspendedByTenant" in mark)) {
            await tx.license.update({ where: { id: u.licenseId }, data: recordedSource, select: { id: true } });
            continue;
          }
          if (u.becomesLive) await assertNoOtherLiveLicense(tx, { tenantId, componentId: u.componentId, holder: u.holder }, u.licenseId, now);
          await tx.license.update({
            where: { id: u.licenseId },
            data: { status: u.to.status, endsAt: u.to.endsAt, ...recordedSource, ...mark, ...(u.to.status !== held.status ? { statusChangedAt: now } : {}) },
            select: { id: true },
          });
          await recordEvent(tx, {
            action: "license.import_sync",
            outcome: "success",
            actor,
            target: { type: "license", id: u.licenseId },
            tenantId,
            sourceIp: null,
            requestId: null,
            data: { ...rowData(u), from: u.from.status, to: u.to.status, fromEndsAt: u.from.endsAt.toISOString(), toEndsAt: u.to.endsAt.toISOString(), ...(u.suspendedByTenant ? { byTenant: true } : {}), ...(u.overrides.length ? { overrides: u.overrides } : {}) },
          });
        }
      },
      { maxWait: 10_000, timeout: 60_000 + (creates.length + updates.length) * 50 },
    );
  } catch (e) {
    if (e instanceof AppError || isLiveLicenseViolation(e) || (e as { code?: string }).code === "P2002") {
      throw new Error(`Nothing was imported: another change to this tenant's licenses happened during the import (${(e as Error).message.split("\n")[0]}). Run the import again.`);
    }
    throw e;
  }
  return ids;
}
