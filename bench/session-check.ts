// Sessions on the token machinery: the session check every web-tier request pays (GET /v1/me over
// kept-alive mTLS as the web tier), answered from the notification-fed session cache, against the same
// check reading the database (a second access service on the same database without the cache), and a
// bare mTLS GET of the same framework as the baseline. Also how fast a sign-out made by SQL on the
// shared database reaches the caching process. Same shape as license-validate.ts: servers in one child
// process (this file, started with BENCH_SESSIONS_CHILD=1), load from this one, alternating slices.
// Alone: node --conditions=react-server --import tsx bench/session-check.ts
import { createService } from "../services/common/http/create-service";
import { routeOptions } from "../services/common/http/policy";
import { createMtlsClient } from "../services/common/http/mtls-client";
import { createTenantWithPeople, signInAs } from "../tests/support/tenant-fixtures";
import { startAccessService } from "../tests/support/start-access-service";
import { compareAlternating, type Task, type Timing } from "./lib/measure";
import { measurePropagation } from "./lib/propagation";
import { formatTable, type BenchTable } from "./lib/table";
import { forkBenchProcess } from "./lib/child-server";
import { whenRunAlone } from "./lib/run-alone";

type Ready = {
  cachedPort: number;
  uncachedPort: number;
  baselinePort: number;
  client: { ca: string; cert: string; key: string };
  databaseUrl: string;
  bearer: string;
  /** Sessions for the propagation measurement, each ended once: bearer and id. */
  endable: { bearer: string; id: string }[];
};

const propagationSamples = Number(process.env.BENCH_PROPAGATION_SAMPLES ?? 100);

async function serveInChild(): Promise<void> {
  const h = await startAccessService("bench_sessions", {}, { validationCache: true, quotas: false });
  const uncached = await startAccessService("", {}, { sameDatabaseAs: h, quotas: false });
  const world = await createTenantWithPeople(h, { slug: "bench-sessions" });
  const email = world.people.tenant_member.user.email;
  const endable = [];
  for (let n = 0; n < propagationSamples; n++) {
    const person = await signInAs(h, email);
    const row = await h.prisma.session.findFirstOrThrow({ where: { userId: person.user.id }, orderBy: { createdAt: "desc" } });
    endable.push({ bearer: person.bearer, id: row.id });
  }
  const baseline = createService({ name: "bench-baseline", tls: await h.pki.issue("bench-baseline"), logLevel: "silent" });
  baseline.get("/v1/echo", routeOptions({ endpoint: "GET /v1/echo", callers: ["web"] }), async () => ({ user: { id: "usr_x" }, session: { ok: true } }));
  await baseline.listen({ host: "127.0.0.1", port: 0 });
  await h.pki.issue("web");
  const material = await h.pki.client("web");
  const ready: Ready = {
    cachedPort: (h.app.server.address() as { port: number }).port,
    uncachedPort: (uncached.app.server.address() as { port: number }).port,
    baselinePort: (baseline.server.address() as { port: number }).port,
    client: { ca: material.ca.toString(), cert: material.cert.toString(), key: material.key.toString() },
    databaseUrl: h.testDb.url ?? "",
    bearer: world.people.tenant_admin.bearer,
    endable,
  };
  process.send?.(ready);
  process.once("disconnect", () => {
    void Promise.all([baseline.close(), uncached.close()])
      .then(() => h.close())
      .finally(() => process.exit(0));
  });
}

export async function benchSessionCheck(timing: Timing): Promise<BenchTable[]> {
  const server = await forkBenchProcess<Ready>(import.meta.filename, { env: { BENCH_SESSIONS_CHILD: "1" }, label: "session bench server" });
  const ready = server.ready;
  const cached = createMtlsClient(`https://127.0.0.1:${ready.cachedPort}`, ready.client, { connections: 32 });
  const uncached = createMtlsClient(`https://127.0.0.1:${ready.uncachedPort}`, ready.client, { connections: 32 });
  const bare = createMtlsClient(`https://127.0.0.1:${ready.baselinePort}`, ready.client, { connections: 32 });
  try {
    const auth = { authorization: `Bearer ${ready.bearer}` };
    const status = async (bearer: string) => (await cached.json("GET", "/v1/me", undefined, { authorization: `Bearer ${bearer}` })).status;
    const meOn = (client: typeof cached): Task => async () => {
      const res = await client.json("GET", "/v1/me", undefined, auth);
      if (res.status !== 200) throw new Error(`GET /v1/me answered ${res.status}`);
    };
    const echo: Task = async () => {
      const res = await bare.json("GET", "/v1/echo");
      if (res.status !== 200) throw new Error(`echo answered ${res.status}`);
    };
    const fromCache = await compareAlternating(echo, meOn(cached), 32, timing);
    const fromDatabase = await compareAlternating(echo, meOn(uncached), 32, timing);
    return [
      {
        title: "Session check at peak load (GET /v1/me as the web tier, kept-alive mTLS 1.3, PostgreSQL)",
        note: "ratio = session checks/s / bare mTLS GET req/s measured in alternating slices with it; server child process, this process only generates load",
        rows: [
          { case: "bare mTLS GET (createService, trivial route), 32 in flight", result: fromCache.baseline, ratio: null },
          { case: "GET /v1/me, session cache warm, 32 in flight", result: fromCache.test, ratio: fromCache.test.perSecond / fromCache.baseline.perSecond },
          { case: "GET /v1/me, no cache (database per request), 32 in flight", result: fromDatabase.test, ratio: fromDatabase.test.perSecond / fromDatabase.baseline.perSecond },
        ],
      },
      (
        await measurePropagation({
          databaseUrl: ready.databaseUrl,
          samples: ready.endable,
          warm: async (s) => {
            for (let i = 0; i < 3; i++) await status(s.bearer); // cached (a fill may be refused while its own insert's notice arrives)
          },
          update: `UPDATE "sessions" SET "ended_at" = now(), "end_reason" = 'sign-out' WHERE "id" = $1`,
          idOf: (s) => s.id,
          isNew: async (s) => (await status(s.bearer)) === 401,
          title: `Sign-out propagation between processes (${ready.endable.length} sessions ended by SQL, checked through the caching process)`,
          newAnswer: "refuses the session",
          statement: "ending UPDATE",
        })
      ).table,
    ];
  } finally {
    await cached.close();
    await uncached.close();
    await bare.close();
    await server.stop();
  }
}

if (process.env.BENCH_SESSIONS_CHILD === "1") {
  serveInChild().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  whenRunAlone(import.meta.filename, async (timing) => (await benchSessionCheck(timing)).map(formatTable));
}
