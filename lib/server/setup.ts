import "server-only";
// First-administrator setup: link checks and account creation, as minimal DTOs for pages and actions.
import { createFirstAdminResponse, setupLinkResponse, setupStatusResponse } from "@/contracts/access-api";
import { accessRequest } from "./access-client";
import { isAccessProblem } from "./access-problem";

export type SetupLinkState =
  | { state: "usable"; expiresAt: string }
  | { state: "used" | "expired" | "invalid" }
  | { state: "unavailable" };

/** Whether the access service still needs its first administrator; null when it cannot be asked. */
export async function getNeedsSetup(): Promise<boolean | null> {
  try {
    const { needsSetup } = await accessRequest("GET", "/v1/setup/status", { schema: setupStatusResponse });
    return needsSetup;
  } catch (error) {
    if (isAccessProblem(error)) return null;
    throw error;
  }
}

export async function getSetupLinkState(token: string): Promise<SetupLinkState> {
  if (!isPlausibleToken(token)) return { state: "invalid" };
  try {
    const { expiresAt } = await accessRequest("GET", `/v1/setup/links/${encodeURIComponent(token)}`, {
      schema: setupLinkResponse,
    });
    return { state: "usable", expiresAt };
  } catch (error) {
    const gone = linkStateFromError(error);
    if (gone) return { state: gone };
    if (isAccessProblem(error)) return { state: "unavailable" };
    throw error;
  }
}

/** Maps a 404/410 setup-link problem to the state a page can explain; undefined for anything else. */
export function linkStateFromError(error: unknown): "used" | "expired" | "invalid" | undefined {
  if (!isAccessProblem(error)) return undefined;
  if (error.reason === "setup-link-used") return "used";
  if (error.reason === "setup-link-expired") return "expired";
  if (error.reason === "setup-link-invalid" || error.status === 404) return "invalid";
  if (error.status === 410) return "used";
  return undefined;
}

export async function createFirstAdmin(input: { token: string; name: string; email: string; password: string }) {
  const { user } = await accessRequest("POST", "/v1/setup", { body: input, schema: createFirstAdminResponse });
  return { name: user.name, email: user.email };
}

function isPlausibleToken(token: string): boolean {
  return token.length > 0 && token.length <= 200 && /^[A-Za-z0-9_~.-]+$/.test(token);
}
