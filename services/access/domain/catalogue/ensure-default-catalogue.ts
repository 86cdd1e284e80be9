// Seeds the default catalogue on a first start: only while there are no components, so it runs once
// however often the service starts, and several access processes starting together seed it once
// (a transaction-scoped advisory lock serialises them). Audited as the access service itself.
import type { AccessContext } from "../context";
import { insertTier } from "../tiers/insert-tier";
import { accessServiceAuthor } from "./change-author";
import { defaultComponents, defaultTiers } from "./default-catalogue";
import { insertComponent, insertScope } from "./insert-component";

/** Returns whether it seeded anything. */
export async function ensureDefaultCatalogue(ctx: Pick<AccessContext, "prisma">): Promise<boolean> {
  return ctx.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('tessera:default-catalogue'))`;
      if ((await tx.component.count()) > 0) return false;
      for (const { scopes, ...component } of defaultComponents) {
        const created = await insertComponent(tx, component, accessServiceAuthor);
        for (const scope of scopes) await insertScope(tx, created, scope, accessServiceAuthor);
      }
      for (const tier of defaultTiers) {
        // A tier an administrator already created under the same key is theirs to keep.
        if (!(await tx.serviceTier.findUnique({ where: { key: tier.key }, select: { id: true } }))) await insertTier(tx, tier, accessServiceAuthor);
      }
      return true;
    },
    { timeout: 30_000 }, // dozens of small writes; PGlite on a laptop can be slow
  );
}
