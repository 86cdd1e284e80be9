// The security plan as a PDF: rendered by the access service; the web tier streams the bytes through.
import { accessDownloadResponse } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessDownloadResponse("/v1/security-plan/pdf", { bearer }));
