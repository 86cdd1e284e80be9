// The filtered record of disclosures as a CSV or PDF download (rendered by the access service).
import { exportDisclosuresQuery } from "@/contracts/disclosure-api";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { exportDisclosures } from "@/lib/server/disclosures";

export const GET = apiRoute(async ({ request, bearer }) => {
  const file = await exportDisclosures(bearer, readQuery(request, exportDisclosuresQuery));
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
