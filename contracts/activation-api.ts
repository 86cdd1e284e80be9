// Seats as activations (Keygen's machines): request and response shapes only (no I/O). A component
// activates a seat over mTLS with the license key or a token of the license and a fingerprint of the
// machine or person; heartbeats keep it, release frees it; a person lists and releases them in the console.
import { z } from "zod";
import { licenseKeyMaxLength, recordId } from "./license-api";
import { plainIdentifier } from "./plain-text";
import { fingerprint } from "./seat-fingerprint";

export { fingerprint };

/** The activation's name as people read it in the console ("" when none is given). */
const activationName = plainIdentifier(200);

/** The license, named by its key or by a live token of it (exactly one). */
const credential = {
  key: z.string().min(1).max(licenseKeyMaxLength).optional(),
  token: z.string().min(1).max(512).optional(),
};
const exactlyOne = (v: { key?: string; token?: string }) => (v.key === undefined) !== (v.token === undefined);
const exactlyOneError = { message: "Send the license key or a token of the license, not both.", path: ["key"] };

/**
 * POST /v1/activations (components serving the license's component) → 201 (a new seat) or 200 (this
 * fingerprint already holds one: refreshed). 409 reason "seats-exhausted" (every seat is taken by a live
 * activation) or the license's state: "revoked", "suspended", "expired", "not-yet-valid";
 * 404 reason "unknown-key" (also a license of a component the caller does not serve, or a token not live);
 * 422 when the fingerprint or name breaks the plain-text rule (contracts/plain-text.ts).
 */
export const activateRequest = z.strictObject({ ...credential, fingerprint, name: activationName.optional() }).refine(exactlyOne, exactlyOneError);
export type ActivateRequest = z.output<typeof activateRequest>;

/** POST /v1/activations/heartbeat and /v1/activations/release → 200; 404 reason "not-activated" or "unknown-key". */
export const activationRequest = z.strictObject({ ...credential, fingerprint }).refine(exactlyOne, exactlyOneError);
export type ActivationRequest = z.output<typeof activationRequest>;

export const activationStatuses = ["active", "expired"] as const;

export const activationDto = z.object({
  id: z.string(), // act_…
  licenseId: z.string(),
  fingerprint: z.string(),
  name: z.string(),
  /** The certificate identity of the service that activated it. */
  activatedBy: z.string(),
  firstSeenAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  /** When the seat frees itself without a heartbeat: last seen + the tier's heartbeat window. */
  expiresAt: z.iso.datetime(),
  /** "expired": idle beyond the window; it holds no seat and goes at the next activation. */
  status: z.enum(activationStatuses),
});
export type ActivationDto = z.infer<typeof activationDto>;

export const seatUse = z.object({ seats: z.number().int(), used: z.number().int(), heartbeatWindowMinutes: z.number().int() });

export const activateResponse = z.object({ activation: activationDto, seats: seatUse });
export type ActivateResponse = z.infer<typeof activateResponse>;

export const releaseActivationResponse = z.object({ released: z.literal(true) });

/** What the console's activations search matches: a fingerprint's start or a name's part. */
const activationSearch = z.string().trim().max(200);

/**
 * GET /v1/licenses/:id/activations (licenses.read) → 200, most recently seen first in keyset pages: pass
 * `nextCursor` back as `cursor` with the same filters; `search` matches the start of a fingerprint or any
 * part of a name (case-insensitive), `status` holds a seat or not. `total` counts what matches (all pages);
 * `seats` is the license's whole picture whatever the filters. 404; 422 for a cursor that is not one.
 */
export const listActivationsQuery = z.object({
  search: activationSearch.optional(),
  status: z.enum(activationStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});
export type ListActivationsQuery = z.input<typeof listActivationsQuery>;

export const listActivationsResponse = z.object({ activations: z.array(activationDto), nextCursor: z.string().nullable(), total: z.number().int(), seats: seatUse });
export type ListActivationsResponse = z.infer<typeof listActivationsResponse>;

/** POST /v1/licenses/:id/activations/:activationId/release (licenses.write) → 200; 404. */
export const activationParams = z.object({ id: recordId, activationId: recordId });

export const activationRefusalReasons = ["seats-exhausted", "not-activated", "unknown-key"] as const;
