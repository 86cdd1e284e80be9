// Sends an export as a streamed download and audits it when it ends (domain/documents/audited-export.ts).
// The first two chunks are read before the answer starts, so a failure there (a bad cursor, the database
// or the audit service gone) is a clear problem answer, not a download cut short, and audits nothing: no
// row left. Later chunks stream as they are read. A download that finishes is audited before its last
// byte (the event is in the outbox when the client has the file, and a failure to record it cuts the
// download short); one that stops early — the client went away, the source failed — is audited as
// incomplete with the rows handed to the connection so far.
import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import type { DownloadChunk, DownloadEnd } from "../domain/documents/audited-export";

export type DownloadFile = { filename: string; contentType: string };

export async function sendDownload(reply: FastifyReply, file: DownloadFile, chunks: AsyncGenerator<DownloadChunk>, onEnd: (end: DownloadEnd) => Promise<void>) {
  const head: DownloadChunk[] = [];
  for (let i = 0; i < 2; i++) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
  }
  async function* body(): AsyncGenerator<string> {
    let rows = 0;
    let finished = false;
    try {
      // A chunk counts once the stream asks for the next: the connection has taken it.
      for (const chunk of head) {
        yield chunk.text;
        rows += chunk.rows;
      }
      for await (const chunk of chunks) {
        yield chunk.text;
        rows += chunk.rows;
      }
      finished = true;
      await onEnd({ rows, complete: true });
    } finally {
      if (!finished) {
        await chunks.return(undefined);
        await onEnd({ rows, complete: false }).catch((err: unknown) => reply.log.error({ err }, "an export cut short could not be audited"));
      }
    }
  }
  return reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename="${file.filename}"`)
    .header("cache-control", "no-store")
    .send(Readable.from(body()));
}
