// Issue 11 §3: the storage key rotation's rewrap rate. Seeds BENCH_REWRAP_LICENSES (default 100 000) license
// rows with real keys sealed under 10 tenants' data keys, then, on the same rows, in the same run:
//   baseline: decrypt only — read every row in id order in batches of 1 000 and open each key (what any rewrap must do);
//   rewrap job: the console's rotation (keyring + data keys; keys/rewrap-job.ts) — open, reseal under the new data
//   key, and the batch's compare-and-set UPDATE committed with the job's cursor.
// "req/s" is records per second; "mean ms" is per record; p50/p90/p99 are per record within each batch of 1 000.
// The ratio is the job's rate over decrypt-only: what resealing and writing cost on top of reading.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runRewrapJob, startRewrapJob } from "../services/access/keys/rewrap-job";
import { createDataKeyCache, openSealedBatch } from "../services/access/keys/tenant-data-keys";
import { newId } from "../services/access/domain/secrets/ids";
import { createLicenseCatalogue } from "../tests/support/license-fixtures";
import { seedSealedLicenses } from "../tests/support/sealed-license-fixtures";
import { startAccessService } from "../tests/support/start-access-service";
import type { LoadResult } from "./lib/measure";
import type { BenchTable } from "./lib/table";

const count = Number(process.env.BENCH_REWRAP_LICENSES ?? 100_000);
const batchSize = 1_000;

function result(records: number, errors: number, elapsedMs: number, batchMs: number[], cpuMicros: number): LoadResult {
  const perRecord = batchMs.map((ms) => ms / batchSize).sort((a, b) => a - b);
  const at = (q: number) => perRecord[Math.min(perRecord.length - 1, Math.floor(q * perRecord.length))] ?? NaN;
  return {
    concurrency: 1,
    requests: records,
    errors,
    elapsedMs,
    perSecond: (records / elapsedMs) * 1000,
    meanMs: elapsedMs / records,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    maxMs: perRecord.at(-1) ?? NaN,
    clientCpuPercent: (cpuMicros / 1000 / elapsedMs) * 100,
  };
}

export async function benchRewrap(): Promise<BenchTable> {
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-rewrap-"));
  const h = await startAccessService("bench_rewrap", {}, { keyringFile: path.join(keysDir, "storage-keyring.json") });
  try {
    const cat = await createLicenseCatalogue(h, "rw");
    const tenants = await Promise.all(Array.from({ length: 10 }, (_, i) => h.prisma.tenant.create({ data: { id: newId("ten"), slug: `rewrap-${i}`, name: `Rewrap ${i}`, kind: "company" } })));
    const seedStart = Date.now();
    await seedSealedLicenses(h, { count, tenantIds: tenants.map((t) => t.id), componentId: cat.reports.id, tierId: cat.basic.id });
    const seedMs = Date.now() - seedStart;

    // Baseline: the same reads and opens, no reseal, no write.
    const cache = createDataKeyCache();
    const decryptTimes: number[] = [];
    let opened = 0;
    let failedOpen = 0;
    let after = "";
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (;;) {
      const start = performance.now();
      const rows = await h.prisma.license.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: batchSize, select: { id: true, keyCiphertext: true } });
      if (rows.length === 0) break;
      const results = await openSealedBatch(h.prisma, h.ctx.keyring, cache, rows.map((r) => ({ ciphertext: r.keyCiphertext, associatedData: `license:${r.id}` })));
      failedOpen += results.filter((r) => "error" in r).length;
      opened += rows.length;
      after = rows[rows.length - 1].id;
      decryptTimes.push(performance.now() - start);
    }
    const decrypt = result(opened, failedOpen, performance.now() - t0, decryptTimes, process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system);

    // The job, run in this process as an access service's worker would (followMs 0: no other process to wait for).
    const control = { keyring: h.ctx.keyring, file: h.ctx.keyringFile };
    const job = await startRewrapJob(h.prisma, control, { scope: "keyring+data-keys", rotate: true, retireOld: true, actor: { type: "operator", id: "bench", label: "bench" }, requestId: null, sourceIp: null });
    const rewrapTimes: number[] = [];
    let last = performance.now();
    const cpu1 = process.cpuUsage();
    const t1 = performance.now();
    await runRewrapJob(h.prisma, control, job.id, {
      owner: "bench",
      batchSize,
      followMs: 0,
      onBatch: () => {
        const now = performance.now();
        rewrapTimes.push(now - last);
        last = now;
      },
    });
    const elapsed = performance.now() - t1;
    const cpu = process.cpuUsage(cpu1);
    const end = await h.prisma.rewrapJob.findUniqueOrThrow({ where: { id: job.id } });
    const rewrap = result(end.rewrapped, end.failed, elapsed, rewrapTimes, cpu.user + cpu.system);
    return {
      title: `Storage key rotation: rewrap rate at ${count.toLocaleString("en-US")} license keys (records/s)`,
      note:
        `seeded in ${(seedMs / 1000).toFixed(1)} s; batches of ${batchSize}; the job ended ${end.state} with ${end.rewrapped} rewrapped, ${end.failed} failed, minimum decryption version ${end.minDecryptionVersion ?? "not raised"}` +
        ` (its own rate from the job row: ${((end.processed / (end.finishedAt!.getTime() - end.resumedAt.getTime())) * 1000).toFixed(0)} records/s, which includes the rotation's data-key steps)`,
      rows: [
        { case: "decrypt only (read + open, batches of 1 000)", result: decrypt, ratio: null },
        { case: "rewrap job (open + reseal + CAS update + cursor)", result: rewrap, ratio: rewrap.perSecond / decrypt.perSecond },
      ],
    };
  } finally {
    await h.close();
    fs.rmSync(keysDir, { recursive: true, force: true });
  }
}
