// A PDF the access service rendered, answered as its bytes: the web tier streams them through to the browser
// with accessDownload (lib/server/access-client.ts), the one way it downloads.
import type { FastifyReply } from "fastify";
import { z } from "zod";

/** What a PDF route documents (OpenAPI): its bytes as application/pdf. */
export const pdfResponseDoc = { response: z.string().describe("The PDF's bytes."), responseContentType: "application/pdf" } as const;

export function replyWithPdf(reply: FastifyReply, bytes: Buffer, filename: string): FastifyReply {
  return reply
    .header("content-type", "application/pdf")
    .header("content-disposition", `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`)
    .header("cache-control", "no-store")
    .send(bytes);
}
