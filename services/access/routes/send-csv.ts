// Sends a table export as a streamed, audited CSV download (send-download.ts), named after the table and the day.
import type { FastifyReply } from "fastify";
import type { AccessContext } from "../domain/context";
import type { DownloadChunk, DownloadEnd } from "../domain/documents/audited-export";
import { sendDownload } from "./send-download";

export async function sendCsv(reply: FastifyReply, ctx: AccessContext, name: string, chunks: AsyncGenerator<DownloadChunk>, onEnd: (end: DownloadEnd) => Promise<void>) {
  const day = ctx.now().toISOString().slice(0, 10);
  return sendDownload(reply, { filename: `tessera-${name}-${day}.csv`, contentType: "text/csv; charset=utf-8" }, chunks, onEnd);
}
