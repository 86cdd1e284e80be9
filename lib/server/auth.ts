import "server-only";
// Password sign-in, session check and sign-out against the access service, as minimal DTOs.
import { meResponse, signInRequest, type MeResponse, type Role } from "@/contracts/access-api";
import { completeSignInRequest, completeSignInResponse, signInAnswer, type SecondFactorProof, type VerifiedFactorKind } from "@/contracts/mfa-api";
import { headers } from "next/headers";
import { maxUserAgentLength } from "@/contracts/user-agent";
import { accessRequest } from "./access-client";

/** What the person owes before the console answers: a factor to add, one to give in this session, or nothing (null). */
export type SecondFactorOwed = MeResponse["secondFactor"]["owed"];
export type SignedInUser = { id: string; name: string; email: string; role: Role };
export type AccessSession = {
  sessionToken: string;
  deviceCookie: string;
  expiresAt: string;
  idleExpiresAt: string;
  user: SignedInUser;
};

/** The password was right and the person has a second factor: the pending sign-in to complete with it. */
export type PendingSignIn = { pendingToken: string; expiresAt: string; factors: VerifiedFactorKind[] };

export async function signInWithPassword(email: string, password: string, deviceCookie?: string): Promise<AccessSession | PendingSignIn> {
  const body = signInRequest.parse({ email, password, deviceCookie, userAgent: await browserUserAgent() });
  const res = await accessRequest("POST", "/v1/auth/sign-in", { body, schema: signInAnswer });
  if ("secondFactorRequired" in res) return { pendingToken: res.pendingToken, expiresAt: res.expiresAt, factors: res.factors };
  return {
    sessionToken: res.sessionToken,
    deviceCookie: res.deviceCookie,
    expiresAt: res.session.expiresAt,
    idleExpiresAt: res.session.idleExpiresAt,
    user: pickUser(res.user),
  };
}

/** The second step of sign-in: the pending sign-in and a code or recovery code in, a session out. */
export async function completeSignInWithFactor(pendingToken: string, proof: SecondFactorProof, deviceCookie?: string): Promise<AccessSession> {
  const body = completeSignInRequest.parse({ pendingToken, deviceCookie, ...proof });
  const res = await accessRequest("POST", "/v1/auth/second-factor", { body, schema: completeSignInResponse });
  return {
    sessionToken: res.sessionToken,
    deviceCookie: res.deviceCookie,
    expiresAt: res.session.expiresAt,
    idleExpiresAt: res.session.idleExpiresAt,
    user: pickUser(res.user),
  };
}

/** The person behind a session token; throws AccessProblem 401 when the session has ended. */
export async function getMe(sessionToken: string): Promise<{ user: SignedInUser; expiresAt: string; idleExpiresAt: string; secondFactorOwed: SecondFactorOwed }> {
  const res = await accessRequest("GET", "/v1/me", { bearer: sessionToken, schema: meResponse });
  return { user: pickUser(res.user), expiresAt: res.session.expiresAt, idleExpiresAt: res.session.idleExpiresAt, secondFactorOwed: res.secondFactor.owed };
}

export async function endAccessSession(sessionToken: string): Promise<void> {
  await accessRequest("POST", "/v1/auth/sign-out", { bearer: sessionToken });
}

function pickUser(user: SignedInUser): SignedInUser {
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** The signing-in browser's User-Agent, cut to what the access service reads (it names the session's device). */
async function browserUserAgent(): Promise<string | undefined> {
  try {
    return (await headers()).get("user-agent")?.slice(0, maxUserAgentLength) || undefined;
  } catch {
    return undefined; // outside a request (scripts)
  }
}
