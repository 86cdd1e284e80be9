import "server-only";
// Readiness of the web tier = the access service answers its own /readyz over mTLS.
import { accessRequest } from "./access-client";

export async function isAccessServiceReady(): Promise<boolean> {
  try {
    await accessRequest("GET", "/readyz", { signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}
