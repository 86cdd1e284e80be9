// Baselines kept in memory and persisted in detector_baselines: loaded once per principal (a batch's
// missing ones in one query), written back in one statement per batch for those the batch changed.
// Several processes each learn from their own traffic and write back theirs: last writer wins (a baseline
// is a summary, not a ledger).
import type { PrincipalKind } from "../../../contracts/security-alert-api";
import type { AccessPrisma } from "../db/prisma";
import { emptyBaseline, type Baseline } from "./baselines";

export type BaselineStore = {
  /** Makes sure these principals are in memory (reading the stored ones). */
  load(keys: { kind: PrincipalKind; id: string; tenantId: string | null }[]): Promise<void>;
  get(kind: PrincipalKind, id: string): Baseline | undefined;
  touch(b: Baseline): void;
  /** Writes the changed ones. */
  save(): Promise<void>;
};

const keyOf = (kind: string, id: string) => `${kind}:${id}`;

export function createBaselineStore(prisma: AccessPrisma, maxInMemory = 200_000): BaselineStore {
  const memory = new Map<string, Baseline>();
  const dirty = new Set<string>();
  return {
    async load(keys) {
      const missing = keys.filter((k) => !memory.has(keyOf(k.kind, k.id)));
      if (!missing.length) return;
      const rows = await prisma.detectorBaseline.findMany({
        where: { OR: missing.map((k) => ({ principalKind: k.kind, principalId: k.id })) },
      });
      const found = new Map(rows.map((r) => [keyOf(r.principalKind, r.principalId), r]));
      for (const k of missing) {
        const key = keyOf(k.kind, k.id);
        if (memory.has(key)) continue;
        if (memory.size >= maxInMemory) memory.delete(memory.keys().next().value as string);
        const row = found.get(key);
        const b = emptyBaseline(k.kind, k.id, k.tenantId);
        if (row) {
          Object.assign(b, row.data as Partial<Baseline>, { observations: row.observations, allowed: row.allowed as Baseline["allowed"] });
        }
        memory.set(key, b);
      }
    },
    get: (kind, id) => memory.get(keyOf(kind, id)),
    touch: (b) => void dirty.add(keyOf(b.kind, b.id)),
    async save() {
      const list = [...dirty].map((k) => memory.get(k)).filter((b): b is Baseline => !!b);
      dirty.clear();
      if (!list.length) return;
      const data = list.map((b) => JSON.stringify({ sets: b.sets, rate: b.rate, tenantId: b.tenantId }));
      // `allowed` is written only by "not an anomaly" (domain/security-alerts), never overwritten here.
      await prisma.$executeRaw`
        INSERT INTO "detector_baselines" ("principal_kind", "principal_id", "tenant_id", "data", "observations", "updated_at")
        SELECT b.kind, b.id, b.tenant, b.data::jsonb, b.obs, now()
        FROM unnest(${list.map((b) => b.kind)}::text[], ${list.map((b) => b.id)}::text[], ${list.map((b) => b.tenantId)}::text[], ${data}::text[], ${list.map((b) => b.observations)}::int[])
          AS b(kind, id, tenant, data, obs)
        ON CONFLICT ("principal_kind", "principal_id") DO UPDATE SET "data" = EXCLUDED."data", "observations" = EXCLUDED."observations", "updated_at" = now()`;
    },
  };
}
