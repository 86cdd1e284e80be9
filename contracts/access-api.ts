// The access service's HTTP contract as seen by the web tier: request and response shapes only.
import { z } from "zod";
import { maxPasswordLength } from "./password-rules";
import { maxUserAgentLength } from "./user-agent";

export const roles = ["platform_admin", "tenant_admin", "tenant_member", "district_reviewer"] as const;
export type Role = (typeof roles)[number];

export const userDto = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  /** null for platform administrators, who belong to no tenant. */
  tenantId: z.string().nullable(),
});
export type UserDto = z.infer<typeof userDto>;

export const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address.").max(254));

/** GET /v1/setup/status */
export const setupStatusResponse = z.object({ needsSetup: z.boolean() });

/** GET /v1/setup/links/:token  → 200 when usable; 404 (reason setup-link-invalid) or 410 (setup-link-used | setup-link-expired). */
export const setupLinkResponse = z.object({ expiresAt: z.iso.datetime() });

/** POST /v1/setup → 201; 422 with fieldErrors; 404/410 as above. */
export const createFirstAdminRequest = z.object({
  token: z.string().min(1).max(200),
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email,
  password: z.string().max(1024, "Use at most 1024 characters."),
});
export const createFirstAdminResponse = z.object({ user: userDto });

/** POST /v1/auth/sign-in → 200; 401 (invalid-credentials, same for unknown e-mail); 429 with retryAfterSeconds. */
export const signInRequest = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(1024),
  /** The browser's device cookie as the access service last set it (opaque to the web tier). */
  deviceCookie: z.string().max(1200).optional(),
  /** The browser's User-Agent (cut to 512 characters), to name the session's browser and system; not kept. */
  userAgent: z.string().max(maxUserAgentLength).optional(),
});
export const sessionDto = z.object({
  expiresAt: z.iso.datetime(),
  idleExpiresAt: z.iso.datetime(),
});
export const signInResponse = z.object({
  sessionToken: z.string(),
  session: sessionDto,
  user: userDto,
  /** The device cookie for the browser to keep (HttpOnly) and send with its next sign-in. */
  deviceCookie: z.string().max(1200),
});
export type SignInResponse = z.infer<typeof signInResponse>;

/** GET /v1/me with `Authorization: Bearer <sessionToken>` → 200; 401 when the session has ended. */
export const meResponse = z.object({
  user: userDto,
  session: sessionDto,
  /**
   * `required`: the person must sign in with a second factor (contracts/assurance-levels.ts). `owed`: required and
   * not given in this session yet — every route but adding or giving one answers 403 "second-factor-required";
   * "add" when the person has none, "give" when they have one (a step-up gives it); null when nothing is owed.
   */
  secondFactor: z.object({ required: z.boolean(), owed: z.enum(["add", "give"]).nullable() }),
});
export type MeResponse = z.infer<typeof meResponse>;

/** POST /v1/auth/sign-out with the bearer → 204 (also when already ended). */

/** One of the signed-in person's own live sessions (Security page); `current` marks the bearer's. */
export const ownSessionDto = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  idleExpiresAt: z.iso.datetime(),
  sourceIp: z.string().nullable(),
  /** Named from the User-Agent at sign-in ("Firefox 133", "Windows"); null when it was not recognised. */
  browser: z.string().nullable(),
  system: z.string().nullable(),
  current: z.boolean(),
});
export type OwnSessionDto = z.infer<typeof ownSessionDto>;

/** GET /v1/me/sessions → the person's live sessions, most recently active first (at most 100). */
export const listOwnSessionsResponse = z.object({ sessions: z.array(ownSessionDto) });
export type ListOwnSessionsResponse = z.infer<typeof listOwnSessionsResponse>;

/** POST /v1/me/sessions/:id/revoke → 204; 404 for anyone else's or an unknown session; 409 when already ended. */
export const ownSessionParams = z.object({ id: z.string().regex(/^ses_[A-Za-z0-9_-]{1,64}$/, "Not a valid id.") });

/** POST /v1/me/sessions/revoke-others → how many of the person's other sessions were ended. */
export const revokeOtherSessionsResponse = z.object({ revoked: z.number().int().nonnegative() });
export type RevokeOtherSessionsResponse = z.infer<typeof revokeOtherSessionsResponse>;

/**
 * POST /v1/me/password → 200 with how many of the person's other sessions were ended (all of them: a
 * changed password is often a suspected one). 401 reason "reauth-failed" (the current password is wrong,
 * counted like a failed sign-in), 422 with fieldErrors.newPassword (the password policy, or the same
 * password again), 429 throttled.
 */
export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1, "Enter your current password.").max(maxPasswordLength),
  newPassword: z.string().min(1, "Enter a new password.").max(maxPasswordLength, `Use at most ${maxPasswordLength} characters.`),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;
export const changePasswordResponse = z.object({ otherSessionsEnded: z.number().int().nonnegative() });
export type ChangePasswordResponse = z.infer<typeof changePasswordResponse>;
