// The security plan as a PDF: rendered by the access service; the web tier passes the bytes through.
import { securityPlanPdfResponse } from "@/contracts/security-plan";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => {
  const { filename, pdfBase64 } = await accessRequest("GET", "/v1/security-plan/pdf", { bearer, schema: securityPlanPdfResponse });
  return new Response(Buffer.from(pdfBase64, "base64"), {
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "")}"`, "cache-control": "no-store" },
  });
});
