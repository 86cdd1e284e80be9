// The second step of sign-in with a passkey: request options for the pending sign-in kept in its HttpOnly
// cookie (lib/auth/pending-sign-in-cookie.ts); the page never holds the pending token.
import { passkeyOptions } from "@/contracts/mfa-api";
import { readPendingSignIn } from "@/lib/auth/pending-sign-in-cookie";
import { accessRequest } from "@/lib/server/access-client";
import { anonymousApiRoute, refuseInput } from "@/lib/server/api-route";

export const POST = anonymousApiRoute(async () => {
  const pendingToken = await readPendingSignIn();
  if (!pendingToken) refuseInput(401, "unauthenticated", "This sign-in has expired. Enter your e-mail and password again.", "pending-sign-in-invalid");
  return accessRequest("POST", "/v1/auth/second-factor/passkey-options", { body: { pendingToken }, schema: passkeyOptions });
});
