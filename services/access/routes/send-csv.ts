// Sends a table export as a streamed CSV download. The header row and the first page are read before
// the answer starts, so a failure there (a bad cursor, the database gone) is a clear problem answer,
// not a download cut short; later pages stream as they are read.
import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import type { AccessContext } from "../domain/context";

export async function sendCsv(reply: FastifyReply, ctx: AccessContext, name: string, chunks: AsyncGenerator<string>) {
  const head: string[] = [];
  for (let i = 0; i < 2; i++) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
  }
  async function* body() {
    yield* head;
    yield* chunks;
  }
  const day = ctx.now().toISOString().slice(0, 10);
  return reply
    .header("content-type", "text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="tessera-${name}-${day}.csv"`)
    .header("cache-control", "no-store")
    .send(Readable.from(body()));
}
