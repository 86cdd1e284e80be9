// Readiness: 200 when the access service answers /readyz over mTLS, else 503.
import { isAccessServiceReady } from "@/lib/server/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const ready = await isAccessServiceReady();
  return Response.json(
    { status: ready ? "ready" : "unavailable", checks: { access: ready ? "ok" : "unreachable" } },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
