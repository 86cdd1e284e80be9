import "server-only";
// A download from the access service (accessDownload) as the browser's answer: its bytes streamed through as
// they arrive, with its type and file name, never cached, never sniffed. Every download route answers with it.
import type { Download } from "./mtls-client";

export function downloadResponse(download: Download): Response {
  return new Response(download.body, {
    headers: {
      "content-type": download.contentType,
      ...(download.contentDisposition ? { "content-disposition": download.contentDisposition } : {}),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
