// The security plan as a PDF: rendered by the access service; the web tier streams the bytes through.
import { accessDownload } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";
import { downloadResponse } from "@/lib/server/download-response";

export const GET = apiRoute(async ({ bearer }) => downloadResponse(await accessDownload("/v1/security-plan/pdf", { bearer })));
