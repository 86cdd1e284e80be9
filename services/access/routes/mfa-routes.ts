// Second factors: the second step of sign-in, the person's own authenticators and recovery codes, and
// step-up inside a session (domain/mfa). Every proof is throttled and audited like a password.
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import {
  completeSignInRequest, completeSignInResponse, confirmTotpRequest, confirmTotpResponse, enrolTotpRequest, enrolTotpResponse,
  factorParams, listSecondFactorsResponse, passkeyOptions, registerPasskeyRequest, registerPasskeyResponse, signInPasskeyOptionsRequest, regenerateRecoveryCodesResponse, removeFactorRequest, resetFactorsParams, resetFactorsResponse, secondFactorProof, stepUpResponse,
  type SecondFactorProof,
} from "../../../contracts/mfa-api";
import { AppError } from "../../common/http/app-error";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { completeSignIn, openPendingSignIn } from "../domain/mfa/complete-sign-in";
import { passkeyRegistrationOptions, registerPasskey } from "../domain/mfa/enrol-passkey";
import { passkeyAuthenticationOptions } from "../domain/mfa/passkey-authentication";
import { confirmTotp, enrolTotp } from "../domain/mfa/enrol-totp";
import { issueRecoveryCodes } from "../domain/mfa/issue-recovery-codes";
import { listFactors } from "../domain/mfa/list-factors";
import { hasSecondFactor } from "../domain/mfa/pending-sign-in";
import { removeFactor } from "../domain/mfa/remove-factor";
import { resetFactors } from "../domain/mfa/reset-factors";
import { noSecondFactor, stepUp } from "../domain/mfa/step-up";
import { requestMeta } from "./request-meta";
import { actorOf, signedInOf } from "./require-actor";

const doc = { tags: ["auth"] } as const;
const factorMissing = () => new AppError("not-found", "No such authenticator.", { reason: "factor-not-found" });
const wrongFactor = "The passkey's answer, code or recovery code is not accepted, or has already been used (reason second-factor-failed).";
const noPasskey = () => new AppError("conflict", "You have no passkey. Use your authenticator app or a recovery code.", { reason: "no-passkey" });

export function mfaRoutes(app: FastifyInstance, ctx: AccessContext): void {
  const me = (request: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(request);
    return { userId: actor.userId, email: actor.email, sessionId: signedInOf(request).sessionId };
  };
  const idOf = (params: unknown) => {
    const parsed = factorParams.safeParse(params);
    if (!parsed.success) throw factorMissing();
    return parsed.data.id;
  };

  // POST /v1/auth/second-factor — a pending sign-in and a second factor in, an AAL2 session out.
  app.post(
    "/v1/auth/second-factor",
    routeOptions(policies["POST /v1/auth/second-factor"], {
      ...doc, summary: "Completes a two-step sign-in: the pending sign-in token and a TOTP code or a recovery code.",
      body: completeSignInRequest, response: completeSignInResponse,
      problems: { 401: `${wrongFactor} Or the pending sign-in is unknown, used or expired (reason pending-sign-in-invalid).`, 429: "Throttled; retryAfterSeconds says how long." },
    }),
    async (request) => {
      const input = parseInput(completeSignInRequest, request.body);
      const proof: SecondFactorProof = "passkey" in input ? { passkey: input.passkey } : "code" in input ? { code: input.code } : { recoveryCode: input.recoveryCode };
      return completeSignIn(ctx, { pendingToken: input.pendingToken, deviceCookie: input.deviceCookie, proof }, requestMeta(request));
    },
  );

  // POST /v1/auth/second-factor/passkey-options — a challenge bound to this pending sign-in, for its person's passkeys.
  app.post(
    "/v1/auth/second-factor/passkey-options",
    routeOptions(policies["POST /v1/auth/second-factor/passkey-options"], {
      ...doc, summary: "WebAuthn request options for the second step of a sign-in: a single-use challenge bound to the pending sign-in.",
      body: signInPasskeyOptionsRequest, response: passkeyOptions,
      problems: { 401: "The pending sign-in is unknown, used or expired (reason pending-sign-in-invalid).", 409: "The person has no passkey (reason no-passkey)." },
    }),
    async (request) => {
      const pending = await openPendingSignIn(ctx, parseInput(signInPasskeyOptionsRequest, request.body).pendingToken);
      return (await passkeyAuthenticationOptions(ctx, { userId: pending.userId, purpose: "sign-in", boundTo: pending.id })) ?? Promise.reject(noPasskey());
    },
  );

  // GET /v1/me/second-factors — the person's authenticators and recovery codes left.
  app.get(
    "/v1/me/second-factors",
    routeOptions(policies["GET /v1/me/second-factors"], { ...doc, summary: "The signed-in person's second factors.", response: listSecondFactorsResponse }),
    async (request) => listFactors(ctx, me(request)),
  );

  // POST /v1/me/second-factors/totp — a new authenticator app: its secret and QR code, shown once.
  app.post(
    "/v1/me/second-factors/totp",
    routeOptions(policies["POST /v1/me/second-factors/totp"], {
      ...doc, summary: "Starts adding an authenticator app (TOTP): the secret is shown once; confirm it with a code.",
      body: enrolTotpRequest, status: 201, response: enrolTotpResponse, problems: { 409: "Already five authenticators (reason factor-limit)." },
    }),
    async (request, reply) => reply.status(201).send(await enrolTotp(ctx, me(request), parseInput(enrolTotpRequest, request.body).label)),
  );

  // POST /v1/me/second-factors/passkey/options — WebAuthn creation options, a challenge bound to this session.
  app.post(
    "/v1/me/second-factors/passkey/options",
    routeOptions(policies["POST /v1/me/second-factors/passkey/options"], {
      ...doc, summary: "Starts adding a passkey: WebAuthn creation options with a single-use challenge bound to the session.",
      response: passkeyOptions, problems: { 409: "Already five authenticators (reason factor-limit)." },
    }),
    async (request) => passkeyRegistrationOptions(ctx, me(request)),
  );

  // POST /v1/me/second-factors/passkey — the browser's answer makes the passkey a factor.
  app.post(
    "/v1/me/second-factors/passkey",
    routeOptions(policies["POST /v1/me/second-factors/passkey"], {
      ...doc, summary: "Adds a passkey from the browser's answer to the creation options; the first factor comes with recovery codes (shown once).",
      body: registerPasskeyRequest, status: 201, response: registerPasskeyResponse,
      problems: { 409: "Already five authenticators (factor-limit), or the passkey is registered already (passkey-registered).", 422: "The answer is not for this session's challenge, origin or RP id (reason second-factor-failed)." },
    }),
    async (request, reply) => reply.status(201).send(await registerPasskey(ctx, me(request), parseInput(registerPasskeyRequest, request.body), requestMeta(request))),
  );

  // POST /v1/me/second-factors/:id/confirm — the first code from the app makes it a factor.
  app.post(
    "/v1/me/second-factors/:id/confirm",
    routeOptions(policies["POST /v1/me/second-factors/:id/confirm"], {
      ...doc, summary: "Confirms a new authenticator with a code from it; the first one comes with recovery codes (shown once).",
      params: factorParams, body: confirmTotpRequest, response: confirmTotpResponse,
      problems: { 404: "No such unconfirmed authenticator of this person's.", 422: "Wrong code.", 429: "Throttled." },
    }),
    async (request) => confirmTotp(ctx, me(request), idOf(request.params), parseInput(confirmTotpRequest, request.body).code, requestMeta(request)),
  );

  // POST /v1/me/second-factors/:id/remove — with the password or a current second factor.
  app.post(
    "/v1/me/second-factors/:id/remove",
    routeOptions(policies["POST /v1/me/second-factors/:id/remove"], {
      ...doc, summary: "Removes one of the person's authenticators (re-enter the password, or a code).",
      params: factorParams, body: removeFactorRequest, status: 204,
      problems: { 401: "Wrong password (reauth-failed) or code (second-factor-failed).", 404: "No such authenticator of this person's.", 409: "The last factor of a person who must have one (last-required-factor).", 429: "Throttled." },
    }),
    async (request, reply) => {
      const id = idOf(request.params);
      await removeFactor(ctx, { ...me(request), secondFactorRequired: signedInOf(request).secondFactor.required }, id, parseInput(removeFactorRequest, request.body), requestMeta(request));
      return reply.status(204).send();
    },
  );

  // POST /v1/me/recovery-codes — new recovery codes (the old stop working), after a fresh second factor.
  app.post(
    "/v1/me/recovery-codes",
    routeOptions(policies["POST /v1/me/recovery-codes"], {
      ...doc, summary: "Replaces the person's recovery codes (shown once); needs a fresh second factor.",
      response: regenerateRecoveryCodesResponse, problems: { 409: "The person has no second factor (reason no-second-factor)." },
    }),
    async (request) => {
      const person = me(request);
      if (!(await hasSecondFactor(ctx.prisma, person.userId))) throw noSecondFactor();
      const meta = requestMeta(request);
      const recoveryCodes = await ctx.prisma.$transaction((tx) => issueRecoveryCodes(ctx, tx, { id: person.userId, email: person.email }, meta));
      return { recoveryCodes };
    },
  );

  // POST /v1/me/step-up — proves a second factor again, for the actions that ask for a fresh one.
  app.post(
    "/v1/me/step-up",
    routeOptions(policies["POST /v1/me/step-up"], {
      ...doc, summary: "Verifies a second factor inside the session (step-up) for the actions that ask for a fresh one.",
      body: secondFactorProof, response: stepUpResponse,
      problems: { 401: wrongFactor, 409: "The person has no second factor (reason no-second-factor).", 429: "Throttled." },
    }),
    async (request) => stepUp(ctx, me(request), parseInput(secondFactorProof, request.body), requestMeta(request)),
  );

  // POST /v1/me/step-up/passkey-options — a challenge bound to this session, for step-up with a passkey.
  app.post(
    "/v1/me/step-up/passkey-options",
    routeOptions(policies["POST /v1/me/step-up/passkey-options"], {
      ...doc, summary: "WebAuthn request options for step-up: a single-use challenge bound to the session.",
      response: passkeyOptions, problems: { 409: "The person has no passkey (reason no-passkey)." },
    }),
    async (request) => {
      const person = me(request);
      return (await passkeyAuthenticationOptions(ctx, { userId: person.userId, purpose: "step-up", boundTo: person.sessionId })) ?? Promise.reject(noPasskey());
    },
  );

  // POST /v1/users/:userId/second-factors/reset — an administrator approves the recovery of a person who lost every factor.
  app.post(
    "/v1/users/:userId/second-factors/reset",
    routeOptions(policies["POST /v1/users/:userId/second-factors/reset"], {
      ...doc, summary: "Removes another person's second factors and ends their sessions, so they sign in with the password and add a new one (members.write; step-up).",
      params: resetFactorsParams, response: resetFactorsResponse,
      problems: { 403: "Their role is above the caller's (reason role-above).", 404: "No such person the caller may manage.", 409: "One's own factors (reason own-factors)." },
    }),
    async (request) => {
      const parsed = resetFactorsParams.safeParse(request.params);
      if (!parsed.success) throw new AppError("not-found", "No such person.", { reason: "user-not-found" });
      return resetFactors(ctx, actorOf(request), parsed.data.userId, requestMeta(request));
    },
  );
}
