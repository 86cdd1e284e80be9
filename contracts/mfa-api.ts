// Second factors (TOTP authenticators and single-use recovery codes), the second step of sign-in and
// step-up, as the web tier sees them: request and response shapes only. Pure.
import { z } from "zod";
import { sessionDto, signInResponse, userDto } from "./access-api";

export const secondFactorKinds = ["totp", "passkey"] as const;
export type SecondFactorKind = (typeof secondFactorKinds)[number];
/** What a session or an audit event says verified the person: a factor's kind, or one of their recovery codes. */
export const verifiedFactorKinds = ["passkey", "totp", "recovery-code"] as const;
export type VerifiedFactorKind = (typeof verifiedFactorKinds)[number];

/** A six-digit code from an authenticator app; spaces people type between the digits are dropped. */
export const totpCode = z
  .string()
  .max(20)
  .transform((s) => s.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

/** A recovery code as shown ("7K3QF-M2XWD"): case, spaces and dashes do not matter. */
export const recoveryCode = z
  .string()
  .max(40)
  .transform((s) => s.replace(/[\s-]+/g, "").toUpperCase())
  .pipe(z.string().regex(/^[0-9A-Z]{10}$/, "Enter one of your recovery codes (10 letters and digits)."));

const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, "Not base64url.");
/** A passkey's answer to an authentication challenge (WebAuthn AuthenticationResponseJSON, as @simplewebauthn/browser returns it). */
export const passkeyAssertion = z.object({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url(4000),
    authenticatorData: base64url(4000),
    signature: base64url(1400),
    userHandle: base64url(200).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});
/** A passkey's answer to a registration challenge (WebAuthn RegistrationResponseJSON). */
export const passkeyAttestation = z.object({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url(4000),
    attestationObject: base64url(16000),
    transports: z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).max(8).optional(),
    authenticatorData: base64url(4000).optional(),
    publicKey: base64url(4000).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

/** The proof of a second factor: a passkey's answer, a current code, or one unused recovery code. */
export const secondFactorProof = z.union([
  z.object({ passkey: passkeyAssertion }).strict(),
  z.object({ code: totpCode }).strict(),
  z.object({ recoveryCode }).strict(),
]);
export type SecondFactorProof = z.infer<typeof secondFactorProof>;

/** POST /v1/auth/sign-in when the person has a second factor: a pending sign-in that can only complete that step. */
export const secondFactorRequired = z.object({
  secondFactorRequired: z.literal(true),
  /** Completes POST /v1/auth/second-factor, once, before `expiresAt`; opens nothing else. */
  pendingToken: z.string(),
  expiresAt: z.iso.datetime(),
  factors: z.array(z.enum(verifiedFactorKinds)),
});
export type SecondFactorRequired = z.infer<typeof secondFactorRequired>;
/** POST /v1/auth/sign-in → a session, or the second factor still to prove. */
export const signInAnswer = z.union([signInResponse, secondFactorRequired]);

/** POST /v1/auth/second-factor */
export const completeSignInRequest = z.intersection(
  z.object({ pendingToken: z.string().max(100), deviceCookie: z.string().max(1200).optional() }),
  z.union([z.object({ passkey: passkeyAssertion }), z.object({ code: totpCode }), z.object({ recoveryCode })]),
);
export const completeSignInResponse = z.object({
  sessionToken: z.string(),
  session: sessionDto,
  user: userDto,
  deviceCookie: z.string().max(1200),
});

/** One of the person's factors, as the Security page lists it (never its secret). */
export const secondFactorDto = z.object({
  id: z.string(),
  kind: z.enum(secondFactorKinds),
  label: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
/** GET /v1/me/second-factors */
export const listSecondFactorsResponse = z.object({
  factors: z.array(secondFactorDto),
  recoveryCodesLeft: z.number().int(),
  /** When this session last verified a second factor (sign-in or step-up); null: not in this session. */
  verifiedAt: z.iso.datetime().nullable(),
});

/** POST /v1/me/second-factors/totp — a new, unconfirmed authenticator: its secret shown this once. */
export const enrolTotpRequest = z.object({
  label: z.string().trim().min(1, "Name the authenticator (e.g. “Phone”).").max(60, "Use at most 60 characters."),
});
export const enrolTotpResponse = z.object({
  id: z.string(),
  /** otpauth://totp/… for the authenticator app; the same as the QR code. */
  uri: z.string(),
  /** The base32 secret, for typing into an app that cannot scan. */
  secret: z.string(),
  /** The QR code of `uri`, as an SVG data URL drawn by the access service (no third party sees the secret). */
  qrDataUrl: z.string(),
});

/** POST /v1/me/second-factors/:id/confirm — the first code proves the app holds the secret; recovery codes come back on the first factor. */
export const confirmTotpRequest = z.object({ code: totpCode });
export const confirmTotpResponse = z.object({
  factor: secondFactorDto,
  /** Shown once: new recovery codes when this is the person's first factor; null otherwise. */
  recoveryCodes: z.array(z.string()).nullable(),
});

/** DELETE /v1/me/second-factors/:id — with the password or a current second factor. */
export const removeFactorRequest = z.union([
  z.object({ password: z.string().min(1, "Enter your password.").max(1024) }).strict(),
  z.object({ code: totpCode }).strict(),
  z.object({ recoveryCode }).strict(),
]);

/** POST /v1/me/recovery-codes — replaces every recovery code (needs a fresh second factor). */
export const regenerateRecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });

/** POST /v1/me/step-up — proves a second factor again inside the session, for the actions that ask for it. */
export const stepUpResponse = z.object({ verifiedAt: z.iso.datetime(), factor: z.enum(verifiedFactorKinds) });

/** POST /v1/users/:userId/second-factors/reset — an administrator's approved reset of a person who lost every factor. */
export const resetFactorsParams = z.object({ userId: z.string().regex(/^usr_[A-Za-z0-9_-]{16}$/) });
export const resetFactorsResponse = z.object({ factorsRemoved: z.number().int(), sessionsEnded: z.number().int() });

/** WebAuthn options for the browser (PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON): passed to @simplewebauthn/browser as they are. */
export const passkeyOptions = z.object({ challenge: z.string() }).passthrough();

/** POST /v1/auth/second-factor/passkey-options — a challenge for the pending sign-in's own passkeys. */
export const signInPasskeyOptionsRequest = z.object({ pendingToken: z.string().max(100) });
/** POST /v1/me/second-factors/passkey — a new passkey: the browser's answer to the registration options, and a name. */
export const registerPasskeyRequest = z.object({
  label: enrolTotpRequest.shape.label,
  response: passkeyAttestation,
});
export const registerPasskeyResponse = z.object({
  factor: secondFactorDto,
  recoveryCodes: z.array(z.string()).nullable(),
});

export const factorParams = z.object({ id: z.string().regex(/^mfa_[A-Za-z0-9_-]{16}$/) });
