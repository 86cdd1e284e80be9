// The person a request acts for, on routes whose policy says `bearer: "session"`: the policy hook
// (services/common/http/policy.ts) authenticates the bearer through `authenticatePerson` before any input
// is read, and the handler takes the result from here; handlers never authenticate or authorise again.
import type { FastifyRequest } from "fastify";
import type { VerifiedPerson } from "../../common/http/policy";
import type { Actor } from "../domain/actors/actor";
import type { AccessContext } from "../domain/context";
import { authenticateSession } from "../domain/sessions/authenticate-session";
import { bearerToken, requestMeta } from "./request-meta";

export type SignedIn = Awaited<ReturnType<typeof authenticateSession>>;

const signedInByRequest = new WeakMap<FastifyRequest, { signedIn: SignedIn; actor: Actor }>();

/** The policy hook's person check for the access service: a live session behind the bearer (else 401). */
export function personAuthenticator(ctx: AccessContext) {
  return async (request: FastifyRequest): Promise<VerifiedPerson> => {
    const signedIn = await authenticateSession(ctx, bearerToken(request), requestMeta(request));
    const { user } = signedIn;
    signedInByRequest.set(request, { signedIn, actor: { userId: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId } });
    return { id: user.id, label: user.email, role: user.role, tenantId: user.tenantId, stepUpDemanded: signedIn.stepUpDemanded, secondFactorOwed: signedIn.secondFactor.owed };
  };
}

function verifiedOrThrow(request: FastifyRequest) {
  const found = signedInByRequest.get(request);
  if (!found) throw new Error(`${request.method} ${request.url} reads a person, but its policy authenticates none`);
  return found;
}

/** Who is acting: the person the policy authenticated and authorised for this route. */
export function actorOf(request: FastifyRequest): Actor {
  return verifiedOrThrow(request).actor;
}

/** The authenticated session itself (its id and lifetime), for the person's own session endpoints. */
export function signedInOf(request: FastifyRequest): SignedIn {
  return verifiedOrThrow(request).signedIn;
}

/** The person a request acted for, if its policy authenticated one (the detector's feed of administrative actions). */
export function personOf(request: FastifyRequest): Actor | null {
  return signedInByRequest.get(request)?.actor ?? null;
}
