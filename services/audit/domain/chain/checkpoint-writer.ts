// Writes signed checkpoints of the chain's head after appends, in batches: every few seconds, when the
// head has moved, it folds the new events into the public chain hash, signs the new head and appends it
// to the checkpoint file. It starts from its newest checkpoint, and if the chain no longer holds that
// head (events were removed) it says so and writes nothing more: no checkpoint anchors a damaged chain.
import type { AuditPrisma } from "../../db/prisma";
import type { CheckpointKey } from "../../config/checkpoint-key";
import { genesisChainHash, nextChainHash } from "./chain-hash";
import { signCheckpoint, verifyCheckpoint } from "./checkpoint";
import { appendCheckpoint, readNewestCheckpoint } from "./checkpoint-file";
import { genesisMac } from "./compute-mac";

type Logger = { info(details: object, message: string): void; error(details: object, message: string): void };
type Head = { seq: bigint; mac: string; chainHash: string };

const batchSize = 1000;

export function startCheckpointWriter(o: { prisma: AuditPrisma; key: CheckpointKey; file: string; logger: Logger; intervalMs?: number }) {
  let head: Head | null = null;
  let broken = false;
  let running: Promise<void> | null = null;

  const stopForGood = (details: object) => {
    broken = true;
    o.logger.error(details, "the audit chain no longer holds its newest checkpoint's head (events were removed or changed); no further checkpoints are written; run `tessera audit verify`");
  };

  async function start(): Promise<Head | null> {
    const newest = await readNewestCheckpoint(o.file);
    if (!newest) return { seq: 0n, mac: genesisMac, chainHash: genesisChainHash };
    const cp = await verifyCheckpoint(newest, o.key.publicJwk);
    if (cp.seq === 0) return { seq: 0n, mac: cp.mac, chainHash: cp.chainHash };
    const row = await o.prisma.auditEvent.findUnique({ where: { seq: BigInt(cp.seq) }, select: { mac: true } });
    if (row?.mac !== cp.mac) {
      stopForGood({ checkpointSeq: cp.seq, checkpointAt: cp.at });
      return null;
    }
    return { seq: BigInt(cp.seq), mac: cp.mac, chainHash: cp.chainHash };
  }

  async function step(): Promise<void> {
    if (broken) return;
    head ??= await start();
    if (!head) return;
    const last = await o.prisma.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
    const newestSeq = last?.seq ?? 0n;
    if (newestSeq === head.seq) return;
    if (newestSeq < head.seq) return stopForGood({ checkpointSeq: Number(head.seq), chainEndsAt: Number(newestSeq) });
    let next = head;
    while (next.seq < newestSeq) {
      const rows = await o.prisma.auditEvent.findMany({ where: { seq: { gt: next.seq, lte: newestSeq } }, orderBy: { seq: "asc" }, take: batchSize });
      for (const row of rows) {
        if (row.seq !== next.seq + 1n || row.prevMac !== next.mac) return stopForGood({ checkpointSeq: Number(next.seq), atSeq: Number(row.seq) });
        next = { seq: row.seq, mac: row.mac, chainHash: nextChainHash(next.chainHash, row) };
      }
      if (rows.length === 0) break;
    }
    const jws = await signCheckpoint(o.key, { v: 1, seq: Number(next.seq), mac: next.mac, chainHash: next.chainHash, at: new Date().toISOString() });
    await appendCheckpoint(o.file, jws);
    head = next;
  }

  /** One step at a time; a failed step (database away) is retried at the next tick. */
  const tick = () => {
    running ??= step()
      .catch((err: unknown) => o.logger.error({ err }, "could not write an audit checkpoint; will retry"))
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(tick, o.intervalMs ?? 2000);
  timer.unref();
  void tick();

  return {
    /** Writes a checkpoint of the current head now (if it moved); for shutdown and tests. */
    async flush(): Promise<void> {
      await running;
      await tick();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
      await tick();
    },
  };
}
export type CheckpointWriter = ReturnType<typeof startCheckpointWriter>;
