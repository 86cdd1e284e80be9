// Imports the Django system's licenses into one tenant, all or nothing: every row is read, decrypted and
// checked first; only a file without problems is written, in one transaction, each license audited
// (license.import, with username and unique_id, never the key). importSource "django:<unique_id>" makes a
// second run skip what the first imported.
import type { AuditEvent } from "../../../../contracts/audit-api";
import { AppError } from "../../../common/http/app-error";
import type { AccessPrisma } from "../../db/prisma";
import type { LicenseStatus } from "../../generated/prisma/client";
import type { StorageKeyring } from "../../keys/storage-keyring";
import { recordEvent } from "../../outbox/record-event";
import type { FernetKey } from "../crypto/fernet";
import { digestLicenseKey, sealLicenseKeyUnder } from "../licenses/license-key";
import { createDataKeyCache, liveDataKey } from "../../keys/tenant-data-keys";
import { assertNoOtherLiveLicense } from "../licenses/live-license-guard";
import { newId } from "../secrets/ids";
import type { DjangoLicenseCsv, DjangoLicenseRow } from "./django-license-csv";
import { readDjangoLicense, type ReadDjangoLicense } from "./read-django-license";

export type ImportDeps = { prisma: AccessPrisma; keyring: StorageKeyring; digestKey: Buffer };

export type ImportOptions = {
  tenantSlug: string;
  tierKey: string;
  fernetKey: FernetKey;
  actor: AuditEvent["actor"];
  now?: Date;
  /** Check everything and report what would happen, writing nothing. */
  dryRun?: boolean;
};

export type RowReport = {
  line: number;
  uniqueId: string;
  username: string;
  application: string;
  outcome: "imported" | "would-import" | "skipped";
  licenseId: string | null;
  status: LicenseStatus | null;
  detail: string;
};
export type RowProblem = { line: number; uniqueId: string | null; message: string };
export type ImportResult = { ok: true; rows: RowReport[]; imported: number; skipped: number } | { ok: false; problems: RowProblem[] };

type Planned = { row: DjangoLicenseRow; read: ReadDjangoLicense; componentId: string; status: LicenseStatus; startsAt: Date; source: string; digest: string };

const sourceOf = (row: DjangoLicenseRow) => `django:${row.unique_id}`;

function statusOf(read: ReadDjangoLicense, now: Date): LicenseStatus {
  if (read.endsAt <= now) return "expired";
  return read.active ? "active" : "suspended";
}

export async function importDjangoLicenses(deps: ImportDeps, csv: DjangoLicenseCsv, options: ImportOptions): Promise<ImportResult> {
  const { prisma } = deps;
  const now = options.now ?? new Date();
  const tenant = await prisma.tenant.findUnique({ where: { slug: options.tenantSlug }, select: { id: true, slug: true } });
  if (!tenant) throw new Error(`No tenant with the slug "${options.tenantSlug}".`);
  const tier = await prisma.serviceTier.findUnique({
    where: { key: options.tierKey },
    select: { id: true, key: true, seats: true, scopes: { select: { scope: { select: { componentId: true } } } } },
  });
  if (!tier) throw new Error(`No service tier with the key "${options.tierKey}".`);
  const tierComponents = new Set(tier.scopes.map((s) => s.scope.componentId));
  const components = new Map(
    (await prisma.component.findMany({ where: { key: { in: [...new Set(csv.rows.map((r) => r.application))] } }, select: { id: true, key: true } })).map((c) => [c.key, c.id]),
  );

  const problems: RowProblem[] = [...csv.malformed];
  const problem = (row: DjangoLicenseRow, message: string) => problems.push({ line: row.line, uniqueId: row.unique_id || null, message });
  const planned: Planned[] = [];
  const firstLine = { uniqueId: new Map<string, number>(), pair: new Map<string, number>(), digest: new Map<string, number>() };
  const seenBefore = (map: Map<string, number>, key: string, line: number) => {
    const earlier = map.get(key);
    if (earlier === undefined) map.set(key, line);
    return earlier;
  };

  for (const row of csv.rows) {
    const read = readDjangoLicense(row, options.fernetKey);
    if ("problem" in read) {
      problem(row, read.problem);
      continue;
    }
    const componentId = components.get(row.application);
    if (!componentId) {
      problem(row, `application "${row.application}" is not a Tessera component key`);
      continue;
    }
    if (!tierComponents.has(componentId)) {
      problem(row, `tier "${tier.key}" grants no scope of component "${row.application}"`);
      continue;
    }
    const digest = digestLicenseKey(deps.digestKey, read.licenseText);
    const duplicates: [Map<string, number>, string, string][] = [
      [firstLine.uniqueId, row.unique_id, "unique_id"],
      [firstLine.pair, `${row.username}\u0000${row.application}`, "username and application"],
      [firstLine.digest, digest, "license key"],
    ];
    const duplicate = duplicates.map(([map, key, what]) => [seenBefore(map, key, row.line), what] as const).find(([earlier]) => earlier !== undefined);
    if (duplicate) {
      problem(row, `same ${duplicate[1]} as line ${duplicate[0]}`);
      continue;
    }
    // The Django row's last save (token timestamp) is the earliest moment we know the license existed.
    const startsAt = new Date(Math.min(read.savedAt.getTime(), now.getTime(), read.endsAt.getTime()));
    planned.push({ row, read, componentId, status: statusOf(read, now), startsAt, source: sourceOf(row), digest });
  }

  const [bySource, byDigest] = await Promise.all([
    prisma.license.findMany({ where: { importSource: { in: planned.map((p) => p.source) } }, select: { id: true, importSource: true, keyDigest: true, tenantId: true } }),
    prisma.license.findMany({ where: { keyDigest: { in: planned.map((p) => p.digest) } }, select: { id: true, importSource: true, keyDigest: true } }),
  ]);
  const importedBefore = new Map(bySource.map((l) => [l.importSource!, l]));
  const digestHolder = new Map(byDigest.map((l) => [l.keyDigest, l]));

  const reports: RowReport[] = [];
  const toWrite: Planned[] = [];
  for (const p of planned) {
    const base = { line: p.row.line, uniqueId: p.row.unique_id, username: p.row.username, application: p.row.application };
    const earlier = importedBefore.get(p.source);
    if (earlier) {
      const note = earlier.tenantId !== tenant.id ? " (into another tenant)" : earlier.keyDigest !== p.digest ? " (the key in the file differs; left unchanged)" : "";
      reports.push({ ...base, outcome: "skipped", licenseId: earlier.id, status: null, detail: `skipped, already imported as ${earlier.id}${note}` });
      continue;
    }
    const holder = digestHolder.get(p.digest);
    if (holder) {
      problem(p.row, `its license key already belongs to license ${holder.id}`);
      continue;
    }
    toWrite.push(p);
  }
  problems.push(...(await liveConflicts(prisma, tenant.id, toWrite, now)));
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };

  const describe = (p: Planned) => `${p.status}, ${p.startsAt.toISOString().slice(0, 10)} to ${p.read.endsAt.toISOString()}, key from ${p.read.storedForm}`;
  if (options.dryRun) {
    for (const p of toWrite) reports.push({ line: p.row.line, uniqueId: p.row.unique_id, username: p.row.username, application: p.row.application, outcome: "would-import", licenseId: null, status: p.status, detail: `would import: ${describe(p)}` });
    return { ok: true, rows: reports.sort((a, b) => a.line - b.line), imported: 0, skipped: reports.length - toWrite.length };
  }

  const written = await writeLicenses(deps, tenant.id, tier, toWrite, options.actor, now);
  for (const p of toWrite) {
    const licenseId = written.get(p.source)!;
    reports.push({ line: p.row.line, uniqueId: p.row.unique_id, username: p.row.username, application: p.row.application, outcome: "imported", licenseId, status: p.status, detail: `imported as ${licenseId}: ${describe(p)}` });
  }
  return { ok: true, rows: reports.sort((a, b) => a.line - b.line), imported: toWrite.length, skipped: reports.length - toWrite.length };
}

const isLive = (status: LicenseStatus) => status === "active" || status === "suspended";

/** "One live license per tenant and component" (see live-license-guard): within the file and against the database. */
async function liveConflicts(prisma: AccessPrisma, tenantId: string, toWrite: Planned[], now: Date): Promise<RowProblem[]> {
  const live = toWrite.filter((p) => isLive(p.status));
  const existing = await prisma.license.findMany({
    where: { tenantId, componentId: { in: [...new Set(live.map((p) => p.componentId))] }, status: { in: ["active", "suspended"] }, endsAt: { gt: now } },
    select: { id: true, componentId: true },
  });
  const holder = new Map<string, string>(existing.map((l) => [l.componentId, `license ${l.id}`]));
  const problems: RowProblem[] = [];
  for (const p of live) {
    const other = holder.get(p.componentId);
    if (other) {
      problems.push({ line: p.row.line, uniqueId: p.row.unique_id, message: `the tenant already has a live ${p.row.application} license (${other}); Tessera keeps one live license per tenant and application` });
      continue;
    }
    holder.set(p.componentId, `line ${p.row.line}, username ${p.row.username}`);
  }
  return problems;
}

async function writeLicenses(deps: ImportDeps, tenantId: string, tier: { id: string; key: string; seats: number }, toWrite: Planned[], actor: AuditEvent["actor"], now: Date) {
  const ids = new Map<string, string>();
  try {
    await deps.prisma.$transaction(
      async (tx) => {
        // Imported keys go under the tenant's data key, like every new one (a one-off cache: the import runs once).
        const dataKey = toWrite.length ? await liveDataKey(tx, deps.keyring, createDataKeyCache(1), tenantId) : null;
        for (const p of toWrite) {
          if (isLive(p.status)) await assertNoOtherLiveLicense(tx, tenantId, p.componentId, null, now);
          const id = newId("lic");
          await tx.license.create({
            data: {
              id,
              tenantId,
              componentId: p.componentId,
              tierId: tier.id,
              seats: tier.seats,
              startsAt: p.startsAt,
              endsAt: p.read.endsAt,
              status: p.status,
              statusChangedAt: now,
              keyCiphertext: sealLicenseKeyUnder(dataKey!, id, p.read.licenseText),
              keyDigest: p.digest,
              importSource: p.source,
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
            data: {
              source: "django",
              uniqueId: p.row.unique_id,
              username: p.row.username,
              application: p.row.application,
              tierKey: tier.key,
              status: p.status,
              startsAt: p.startsAt.toISOString(),
              endsAt: p.read.endsAt.toISOString(),
            },
          });
          ids.set(p.source, id);
        }
      },
      { maxWait: 10_000, timeout: 60_000 + toWrite.length * 50 },
    );
  } catch (e) {
    // Another writer got in between the checks and this transaction: nothing was written; a re-run sorts it out.
    if (e instanceof AppError || (e as { code?: string }).code === "P2002") {
      throw new Error(`Nothing was imported: another change to this tenant's licenses happened during the import (${(e as Error).message.split("\n")[0]}). Run the import again.`);
    }
    throw e;
  }
  return ids;
}
