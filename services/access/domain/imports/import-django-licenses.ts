// Imports the Django system's licenses into one tenant, all or nothing: every row is read, decrypted and
// checked first; only a file without problems is written, in one transaction, every change audited. Each
// row's username is its license's holder (a person), its application a component (by key or --map). A
// second run is a sync (importSource "django:<unique_id>" finds what the first imported): status and expiry
// changed at the source since the last import are applied and reported (a change made in Tessera stays,
// see django-sync); rows gone from the source are reported, never deleted. The tenant's state is followed
// (tenant-import-state.ts): a closing or closed tenant takes no import, a suspended one gets its new and
// reactivated licenses suspended with it. One holder may have several rows (an expired one and its
// renewal are history), but only one that is live at the source.
import type { AuditEvent } from "../../../../contracts/audit-api";
import { describeHolder, type LicenseHolder, type LicenseStatus } from "../../../../contracts/license-api";
import type { AccessPrisma } from "../../db/prisma";
import type { StorageKeyring } from "../../keys/storage-keyring";
import type { FernetKey } from "../crypto/fernet";
import { digestLicenseKey } from "../licenses/license-key";
import { effectiveStatus } from "../licenses/license-transitions";
import { componentKeyFor, type ApplicationMap } from "./application-map";
import type { DjangoLicenseCsv, DjangoLicenseRow } from "./django-license-csv";
import { describeSync, planSync, sourceStatus } from "./django-sync";
import { readDjangoLicense } from "./read-django-license";
import { placeNewLicense, placeSyncedLicense, tenantSuspendedForImport } from "./tenant-import-state";
import { writeDjangoImport, type NewLicense, type SyncUpdate } from "./write-django-import";

export type ImportDeps = { prisma: AccessPrisma; keyring: StorageKeyring; digestKey: Buffer };

export type ImportOptions = {
  tenantSlug: string;
  tierKey: string;
  fernetKey: FernetKey;
  actor: AuditEvent["actor"];
  /** The table's application names → component keys (--map); a name not in it must be a component key. */
  applicationMap?: ApplicationMap;
  now?: Date;
  /** Check everything and report what would happen (the diff), writing nothing. */
  dryRun?: boolean;
};

export type RowOutcome = "imported" | "would-import" | "updated" | "would-update" | "unchanged";
export type RowReport = {
  line: number;
  uniqueId: string;
  username: string;
  application: string;
  outcome: RowOutcome;
  licenseId: string | null;
  status: LicenseStatus | null;
  detail: string;
};
/** A license imported before whose row is no longer in the file: reported, left as it is. */
export type RemovedReport = { uniqueId: string; licenseId: string; holder: string; component: string; status: LicenseStatus };
export type RowProblem = { line: number; uniqueId: string | null; message: string };
/** How many rows were (or, in a dry run, would be) imported and updated, and how many stay as they are. */
export type ImportCounts = { imported: number; updated: number; unchanged: number };
export type ImportResult = ({ ok: true; rows: RowReport[]; removed: RemovedReport[] } & ImportCounts) | { ok: false; problems: RowProblem[] };

const sourceOf = (row: DjangoLicenseRow) => `django:${row.unique_id}`;
const holderOf = (row: DjangoLicenseRow): LicenseHolder => ({ kind: "person", name: row.username });
const baseOf = (row: DjangoLicenseRow) => ({ line: row.line, uniqueId: row.unique_id, username: row.username, application: row.application });

export async function importDjangoLicenses(deps: ImportDeps, csv: DjangoLicenseCsv, options: ImportOptions): Promise<ImportResult> {
  const { prisma } = deps;
  const now = options.now ?? new Date();
  const map = options.applicationMap ?? new Map<string, string>();
  const tenant = await prisma.tenant.findUnique({ where: { slug: options.tenantSlug }, select: { id: true, slug: true, suspendedAt: true, closedAt: true, closingDispositionId: true } });
  if (!tenant) throw new Error(`No tenant with the slug "${options.tenantSlug}".`);
  const tenantSuspended = tenantSuspendedForImport(tenant);
  const tier = await prisma.serviceTier.findUnique({
    where: { key: options.tierKey },
    select: { id: true, key: true, seats: true, scopes: { select: { scope: { select: { componentId: true } } } } },
  });
  if (!tier) throw new Error(`No service tier with the key "${options.tierKey}".`);
  const tierComponents = new Set(tier.scopes.map((s) => s.scope.componentId));
  const wantedKeys = new Set([...csv.rows.map((r) => componentKeyFor(map, r.application)), ...map.values()]);
  const components = new Map((await prisma.component.findMany({ where: { key: { in: [...wantedKeys] } }, select: { id: true, key: true } })).map((c) => [c.key, c.id]));
  for (const [application, key] of map) {
    if (!components.has(key)) throw new Error(`--map ${application}=${key}: no component has the key "${key}".`);
  }

  const problems: RowProblem[] = [...csv.malformed];
  const problem = (row: DjangoLicenseRow, message: string) => problems.push({ line: row.line, uniqueId: row.unique_id || null, message });
  const unknownApplications = new Map<string, DjangoLicenseRow[]>();
  const planned: NewLicense[] = [];
  const firstLine = { uniqueId: new Map<string, number>(), holder: new Map<string, number>(), digest: new Map<string, number>() };
  const seenBefore = (seen: Map<string, number>, key: string, line: number) => {
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, line);
    return earlier;
  };

  for (const row of csv.rows) {
    const read = readDjangoLicense(row, options.fernetKey);
    if ("problem" in read) {
      problem(row, read.problem);
      continue;
    }
    const componentKey = componentKeyFor(map, row.application);
    const componentId = components.get(componentKey);
    if (!componentId) {
      unknownApplications.set(row.application, [...(unknownApplications.get(row.application) ?? []), row]);
      continue;
    }
    if (!tierComponents.has(componentId)) {
      problem(row, `tier "${tier.key}" grants no scope of component "${componentKey}"`);
      continue;
    }
    const digest = digestLicenseKey(deps.digestKey, read.licenseText);
    const status = sourceStatus(read, now);
    const duplicates: [Map<string, number>, string, string][] = [
      [firstLine.uniqueId, row.unique_id, "unique_id"],
      // Only rows live at the source hold a holder's one live license: an expired row beside its renewal is history.
      ...(status === "expired" ? [] : [[firstLine.holder, `${row.username}\u0000${componentId}`, `username and component (${componentKey})`] as [Map<string, number>, string, string]]),
      [firstLine.digest, digest, "license key"],
    ];
    const duplicate = duplicates.map(([seen, key, what]) => [seenBefore(seen, key, row.line), what] as const).find(([earlier]) => earlier !== undefined);
    if (duplicate) {
      problem(row, `same ${duplicate[1]} as line ${duplicate[0]}`);
      continue;
    }
    // The Django row's last save (token timestamp) is the earliest moment we know the license existed.
    const startsAt = new Date(Math.min(read.savedAt.getTime(), now.getTime(), read.endsAt.getTime()));
    planned.push({ row, read, componentId, componentKey, holder: holderOf(row), ...placeNewLicense(status, tenantSuspended), startsAt, source: sourceOf(row), digest });
  }
  for (const [application, rows] of unknownApplications) {
    const lines = rows.length === 1 ? `line ${rows[0].line}` : `${rows.length} rows, lines ${rows[0].line} to ${rows[rows.length - 1].line}`;
    problem(rows[0], `application "${application}" (${lines}) is not a Tessera component key; name its component with --map ${application}=<component key>`);
  }

  const { rows, creates, updates, agreements } = await planAgainstDatabase(prisma, tenant.id, tenantSuspended, planned, now, problems);
  problems.push(...(await liveConflicts(prisma, tenant.id, [...creates.filter((c) => c.status === "active" || c.status === "suspended"), ...updates.filter((u) => u.becomesLive)], now)));
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  const removed = await removedAtSource(prisma, tenant.id, new Set(planned.map((p) => p.source)), now);

  const byTenant = (mark: boolean | undefined) => (mark ? " (the tenant is suspended: it comes back when the tenant is reinstated)" : "");
  const describeNew = (p: NewLicense) => `${describeHolder(p.holder)}, ${p.componentKey}, ${p.status}${byTenant(p.suspendedByTenant)}, ${p.startsAt.toISOString().slice(0, 10)} to ${p.read.endsAt.toISOString()}, key from ${p.read.storedForm}`;
  const written = options.dryRun ? null : await writeDjangoImport(deps, { id: tenant.id, suspended: tenantSuspended }, tier, creates, [...updates, ...agreements], options.actor, now);
  for (const p of creates) {
    const licenseId = written?.get(p.source) ?? null;
    rows.push({ ...baseOf(p.row), outcome: written ? "imported" : "would-import", licenseId, status: p.status, detail: `${written ? `imported as ${licenseId}` : "would import"}: ${describeNew(p)}` });
  }
  for (const u of updates) {
    rows.push({ ...baseOf(u.row), outcome: written ? "updated" : "would-update", licenseId: u.licenseId, status: u.to.status, detail: `${written ? "updated" : "would update"} ${u.licenseId}: ${[describeSync(u.from, u.to) || `stays ${u.to.status}`, ...u.overrides, ...u.kept].join("; ")}${byTenant(u.suspendedByTenant)}` });
  }
  const count = (...outcomes: RowOutcome[]) => rows.filter((r) => outcomes.includes(r.outcome)).length;
  return {
    ok: true,
    rows: rows.sort((a, b) => a.line - b.line),
    removed,
    imported: count("imported", "would-import"),
    updated: count("updated", "would-update"),
    unchanged: count("unchanged"),
  };
}

/** Splits the rows into new licenses, sync updates and unchanged ones (reported at once). */
async function planAgainstDatabase(prisma: AccessPrisma, tenantId: string, tenantSuspended: boolean, planned: NewLicense[], now: Date, problems: RowProblem[]) {
  const [bySource, byDigest] = await Promise.all([
    prisma.license.findMany({
      where: { importSource: { in: planned.map((p) => p.source) } },
      select: { id: true, importSource: true, keyDigest: true, tenantId: true, status: true, suspendedByTenant: true, endsAt: true, sourceActive: true, sourceEndsAt: true, holderKind: true, holderName: true, componentId: true },
    }),
    prisma.license.findMany({ where: { keyDigest: { in: planned.map((p) => p.digest) } }, select: { id: true, keyDigest: true } }),
  ]);
  const importedBefore = new Map(bySource.map((l) => [l.importSource!, l]));
  const keyHolder = new Map(byDigest.map((l) => [l.keyDigest, l.id]));
  const rows: RowReport[] = [];
  const creates: NewLicense[] = [];
  const updates: SyncUpdate[] = [];
  const agreements: SyncUpdate[] = [];
  for (const p of planned) {
    const earlier = importedBefore.get(p.source);
    if (!earlier) {
      const other = keyHolder.get(p.digest);
      if (other) problems.push({ line: p.row.line, uniqueId: p.row.unique_id, message: `its license key already belongs to license ${other}` });
      else creates.push(p);
      continue;
    }
    const unchanged = (detail: string) => rows.push({ ...baseOf(p.row), outcome: "unchanged", licenseId: earlier.id, status: effectiveStatus(earlier, now), detail });
    if (earlier.tenantId !== tenantId) {
      unchanged(`unchanged: imported into another tenant as ${earlier.id}`);
      continue;
    }
    const notes = [
      earlier.keyDigest !== p.digest ? "the key in the file differs (Tessera keeps the one it has)" : "",
      earlier.holderKind !== p.holder.kind || earlier.holderName !== p.holder.name ? `the holder in Tessera is ${describeHolder({ kind: earlier.holderKind, name: earlier.holderName })}` : "",
      earlier.componentId !== p.componentId ? `the application now maps to ${p.componentKey} (left on its component)` : "",
    ].filter(Boolean);
    const last = earlier.sourceActive !== null && earlier.sourceEndsAt !== null ? { active: earlier.sourceActive, endsAt: earlier.sourceEndsAt } : null;
    const plan = planSync(earlier, last, p.read, now);
    const noted = (more: string[]) => (notes.length + more.length ? `; ${[...more, ...notes].join("; ")}` : "");
    const onLicense = { ...p, componentId: earlier.componentId, holder: { kind: earlier.holderKind, name: earlier.holderName }, licenseId: earlier.id, suspendedByTenant: undefined };
    const held = { status: effectiveStatus(earlier, now), endsAt: earlier.endsAt };
    if (plan.kind === "kept-revoked") unchanged(`unchanged: ${earlier.id} is revoked in Tessera (revocation is final); the source says ${sourceStatus(p.read, now)}${noted([])}`);
    else if (plan.kind === "unchanged") unchanged(`unchanged since the last import (${earlier.id}, ${plan.status})${noted(plan.kept)}`);
    else if (plan.kind === "agrees") {
      // Only the recorded source state is written, so a later change in Tessera is not undone by this one.
      agreements.push({ ...onLicense, from: held, to: held, becomesLive: false, overrides: [], kept: [] });
      unchanged(`unchanged: the source changed to what Tessera already holds (${earlier.id}, ${plan.status})${noted([])}`);
    } else {
      // A suspended tenant keeps what the sync would reactivate suspended with it.
      const placed = placeSyncedLicense(plan.to.status, earlier, p.read.active, tenantSuspended);
      const to = { status: placed.status, endsAt: plan.to.endsAt };
      const markChanges = placed.suspendedByTenant !== undefined && placed.suspendedByTenant !== earlier.suspendedByTenant;
      if (to.status === plan.from.status && to.endsAt.getTime() === plan.from.endsAt.getTime() && !markChanges) {
        agreements.push({ ...onLicense, from: held, to: held, becomesLive: false, overrides: [], kept: [] });
        unchanged(`unchanged: ${earlier.id} stays ${held.status} while the tenant is suspended${noted([])}`);
      } else updates.push({ ...onLicense, suspendedByTenant: markChanges ? placed.suspendedByTenant : undefined, from: plan.from, to, becomesLive: plan.becomesLive, overrides: plan.overrides, kept: plan.kept });
    }
  }
  return { rows, creates, updates, agreements };
}

type LiveCandidate = { row: DjangoLicenseRow; componentId: string; componentKey: string; holder: LicenseHolder; licenseId?: string };

/** "One live license per tenant, component and holder" (see live-license-guard), checked before writing so every row is named. */
async function liveConflicts(prisma: AccessPrisma, tenantId: string, candidates: LiveCandidate[], now: Date): Promise<RowProblem[]> {
  if (candidates.length === 0) return [];
  const existing = await prisma.license.findMany({
    where: {
      tenantId,
      componentId: { in: [...new Set(candidates.map((c) => c.componentId))] },
      holderName: { in: [...new Set(candidates.map((c) => c.holder.name))] },
      status: { in: ["active", "suspended"] },
      endsAt: { gt: now },
    },
    select: { id: true, componentId: true, holderKind: true, holderName: true },
  });
  const keyOf = (componentId: string, h: LicenseHolder) => `${componentId}\u0000${h.kind}\u0000${h.name}`;
  const live = new Map(existing.map((l) => [keyOf(l.componentId, { kind: l.holderKind, name: l.holderName }), l.id]));
  return candidates.flatMap((c) => {
    const other = live.get(keyOf(c.componentId, c.holder));
    if (!other || other === c.licenseId) return [];
    return [{ line: c.row.line, uniqueId: c.row.unique_id, message: `${describeHolder(c.holder)} already has a live ${c.componentKey} license in this tenant (${other}); Tessera keeps one live license per tenant, application and holder` }];
  });
}

/** Licenses this tenant imported from Django whose unique_id is not in the file. */
async function removedAtSource(prisma: AccessPrisma, tenantId: string, inFile: Set<string>, now: Date): Promise<RemovedReport[]> {
  const imported = await prisma.license.findMany({
    where: { tenantId, importSource: { startsWith: "django:" } },
    select: { id: true, importSource: true, status: true, endsAt: true, holderKind: true, holderName: true, component: { select: { key: true } } },
    orderBy: { importSource: "asc" },
  });
  return imported
    .filter((l) => !inFile.has(l.importSource!))
    .map((l) => ({ uniqueId: l.importSource!.slice("django:".length), licenseId: l.id, holder: describeHolder({ kind: l.holderKind, name: l.holderName }), component: l.component.key, status: effectiveStatus(l, now) }));
}
