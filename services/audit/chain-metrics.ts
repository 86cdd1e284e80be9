// The audit service's product metric, read when Prometheus scrapes: how many events the chain holds (the
// head's sequence number; seq runs 1, 2, 3 … without gaps), one read of the primary key's last entry.
// A scrape whose read fails reports NaN rather than failing the whole of /metrics.
import { Gauge, type Registry } from "prom-client";
import type { AuditPrisma } from "./db/prisma";

export function installChainMetrics(registry: Registry, prisma: AuditPrisma): void {
  new Gauge({
    name: "tessera_audit_chain_length",
    help: "Events in the audit chain (the sequence number of its head)",
    registers: [registry],
    async collect() {
      const head = await prisma.$queryRaw<{ seq: bigint }[]>`SELECT "seq" FROM "audit_events" ORDER BY "seq" DESC LIMIT 1`.then(
        (rows) => Number(rows[0]?.seq ?? 0),
        () => Number.NaN,
      );
      this.set(head);
    },
  });
}
