// The public address secret scanners report found tokens to (GitHub's secret-scanning partner program):
// the body's exact bytes and the two signature headers go to the access service over mTLS, which checks
// the signature with the reporter's registered key and answers the labels. This tier holds no secret and
// reads nothing of the report: not parsed, not logged.
import { forwardedLeakReport, leakReportResponse, maxLeakReportBytes, scannerKeyIdentifierHeader, scannerSignatureHeader } from "@/contracts/token-leak-api";
import { accessRequest } from "@/lib/server/access-client";
import { anonymousApiRoute, refuseInput } from "@/lib/server/api-route";

/** The body, at most maxLeakReportBytes, read without trusting Content-Length. */
async function boundedBody(request: Request): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxLeakReportBytes) refuseInput(413, "bad-request", `A report may hold at most ${maxLeakReportBytes / 1024} KiB; send the tokens in smaller batches.`, "report-too-large");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxLeakReportBytes) {
      await reader.cancel();
      refuseInput(413, "bad-request", `A report may hold at most ${maxLeakReportBytes / 1024} KiB; send the tokens in smaller batches.`, "report-too-large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export const POST = anonymousApiRoute(async ({ request }) => {
  const keyIdentifier = request.headers.get(scannerKeyIdentifierHeader);
  const signature = request.headers.get(scannerSignatureHeader);
  if (!keyIdentifier || !signature) {
    refuseInput(401, "unauthenticated", `Sign the report: send ${scannerKeyIdentifierHeader} and ${scannerSignatureHeader} (ECDSA P-256 over the body).`, "signature-missing");
  }
  const body = await boundedBody(request);
  const forwarded = forwardedLeakReport.safeParse({ body: body.toString("base64"), keyIdentifier, signature });
  if (!forwarded.success) refuseInput(400, "bad-request", "The signature headers are malformed.", "malformed-signature");
  return accessRequest("POST", "/v1/token-leaks", { body: forwarded.data, schema: leakReportResponse });
});
