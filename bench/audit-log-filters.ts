// Issue 9 §1: a filtered page of the audit log at a million events. Fills a fresh audit database with
// 1 000 000 events (50 tenants, 2 000 actors, 40 actions, 100 000 targets, a year of occurrence times;
// inserted in SQL, so their MACs are not real: this measures the list query, not the chain) and times
// the audit service's listEvents (what GET /v1/events runs) per filter, 50 pages each at random
// parameters. Baseline: the unfiltered first page in the same run; the ratio is p99 / baseline p99.
// Run: npx tsx bench/audit-log-filters.ts   (needs PostgreSQL at 127.0.0.1:5432, like the tests)
import pg from "pg";
import { createAuditPrisma } from "../services/audit/db/prisma";
import { listEvents, type ListEventsInput } from "../services/audit/domain/events/list-events";
import { migrate } from "../services/common/db/migrate";
import { auditMigrationsDir } from "../tests/support/start-audit-service";
import { createTestDatabase } from "../tests/support/test-database";

const total = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const rounds = 50;
const year = Date.UTC(2026, 0, 1);
const pick = (n: number) => Math.floor(Math.random() * n);
const areas = ["license", "token", "tenant", "member", "auth"];
const actionOf = (i: number) => `${areas[i % 5]}.verb${i % 8}`;

const cases: Array<{ name: string; input: () => Omit<ListEventsInput, "limit"> }> = [
  { name: "no filter (baseline)", input: () => ({}) },
  { name: "tenant", input: () => ({ tenantId: `ten_${pick(50)}` }) },
  { name: "tenant + action area", input: () => ({ tenantId: `ten_${pick(50)}`, action: `${areas[pick(5)]}.` }) },
  { name: "exact action", input: () => ({ action: actionOf(pick(40)) }) },
  { name: "actor", input: () => ({ actorId: `usr_${pick(2000)}` }) },
  { name: "target", input: () => ({ targetId: `lic_${pick(100_000)}` }) },
  { name: "time range (one week)", input: () => ({ ...week() }) },
  { name: "from (the last quarter on)", input: () => ({ from: new Date(year + 270 * 86_400_000).toISOString() }) },
  { name: "to (before the first month's end)", input: () => ({ to: new Date(year + 30 * 86_400_000).toISOString() }) },
  { name: "tenant + time range", input: () => ({ tenantId: `ten_${pick(50)}`, ...week() }) },
  { name: "tenant + text", input: () => ({ tenantId: `ten_${pick(50)}`, q: `req-${pick(1000)}` }) },
  { name: "page 2 of a tenant", input: () => ({ tenantId: `ten_${pick(50)}`, beforeSeq: total - 5000 }) },
];

function week() {
  const start = year + pick(50) * 7 * 86_400_000;
  return { from: new Date(start).toISOString(), to: new Date(start + 7 * 86_400_000).toISOString() };
}

async function main() {
  const db = await createTestDatabase("bench_audit_log");
  if (!db.url) throw new Error("this bench needs PostgreSQL (TEST_DATABASE=postgresql)");
  try {
    await migrate(db.url, auditMigrationsDir);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const filled = Date.now();
    for (let from = 1; from <= total; from += 100_000) {
      const to = Math.min(total, from + 99_999);
      await client.query(
        `INSERT INTO audit_events (seq, id, action, tenant_id, target_type, target_id, actor_id, occurred_at, canonical, received_at, prev_mac, mac)
         SELECT s, gen_random_uuid(), a.action, 'ten_' || (s % 50), 'license', 'lic_' || (s % 100000), 'usr_' || (s % 2000),
                to_timestamp(($3::bigint + s * (31536000000 / $4::bigint)) / 1000.0),
                json_build_object('id', gen_random_uuid(), 'action', a.action, 'actor', json_build_object('type', 'user', 'id', 'usr_' || (s % 2000), 'label', 'person' || (s % 2000) || '@example.org'),
                  'tenantId', 'ten_' || (s % 50), 'target', json_build_object('type', 'license', 'id', 'lic_' || (s % 100000)), 'requestId', 'req-' || s, 'sourceIp', '198.51.100.' || (s % 250),
                  'data', json_build_object('from', 'active', 'to', 'suspended', 'reason', 'bench'))::text,
                now(), repeat('0', 64), repeat('0', 64)
         FROM generate_series($1::bigint, $2::bigint) s, LATERAL (SELECT (ARRAY['license','token','tenant','member','auth'])[(s % 5) + 1] || '.verb' || (s % 8) AS action) a`,
        [from, to, year, total],
      );
    }
    await client.query("ANALYZE audit_events");
    await client.end();
    console.log(`filled ${total.toLocaleString("en-US")} events in ${((Date.now() - filled) / 1000).toFixed(0)} s`);

    const prisma = createAuditPrisma(db.url, 4);
    const results: Array<{ name: string; p50: number; p99: number; rows: number }> = [];
    for (const c of cases) {
      for (let i = 0; i < 5; i++) await listEvents(prisma, { limit: 50, ...c.input() }); // warm
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < rounds; i++) {
        const t = performance.now();
        rows += (await listEvents(prisma, { limit: 50, ...c.input() })).events.length;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      results.push({ name: c.name, p50: times[Math.floor(rounds * 0.5)], p99: times[Math.min(rounds - 1, Math.ceil(rounds * 0.99) - 1)], rows: rows / rounds });
    }
    await prisma.$disconnect();
    const base = results[0].p99;
    console.log(`\nA page of 50 at ${total.toLocaleString("en-US")} events (listEvents, ${rounds} pages per row)\n`);
    console.log("| filter | p50 ms | p99 ms | p99 / baseline | rows per page |\n|---|---:|---:|---:|---:|");
    for (const r of results) console.log(`| ${r.name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.p99 / base).toFixed(2)} | ${r.rows.toFixed(0)} |`);
  } finally {
    await db.drop();
  }
}

await main();
