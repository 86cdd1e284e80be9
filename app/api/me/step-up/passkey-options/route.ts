// Step-up with a passkey: WebAuthn request options with a challenge bound to this session.
import { passkeyOptions } from "@/contracts/mfa-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const POST = apiRoute(async ({ bearer }) => accessRequest("POST", "/v1/me/step-up/passkey-options", { bearer, schema: passkeyOptions }));
