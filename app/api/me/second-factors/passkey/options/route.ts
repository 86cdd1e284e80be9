// Starts adding a passkey: WebAuthn creation options with a challenge bound to this session.
import { passkeyOptions } from "@/contracts/mfa-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const POST = apiRoute(async ({ bearer }) => accessRequest("POST", "/v1/me/second-factors/passkey/options", { bearer, schema: passkeyOptions }));
