// The sequence model's log keys (DeepLog's "log keys"): each event reduced to a small word — its type and
// outcome, which of its principal's baseline facts it shows for the first time (read from the rules'
// baselines before the rules learn from it, so there is one home for "new"), and whether it follows its
// principal's previous event within a burst gap. Per kind of principal: whose sequence an event extends.
import type { PrincipalKind } from "../../../../contracts/security-alert-api";
import { knows, type Baseline, type SetName } from "../baselines";
import type { DetectorEvent } from "../detector-event";
import { networkOf } from "../network-of";

/** The kinds of principal with a sequence model of their own. */
export const sequenceKinds = ["token", "license", "person", "caller", "address"] as const satisfies readonly PrincipalKind[];
export type SequenceKind = (typeof sequenceKinds)[number];

/** Events of one principal closer than this are a burst (part of the key: DeepLog has no clock of its own). */
export const burstGapMs = 2_000;

/** Whose sequence the event extends: the token, license or person it concerns, else its caller or address. */
export function sequenceOf(e: DetectorEvent): { kind: SequenceKind; id: string; tenantId: string | null } | null {
  switch (e.type) {
    case "introspection":
      return e.tokenId ? { kind: "token", id: e.tokenId, tenantId: e.tenantId } : { kind: "caller", id: e.caller, tenantId: null };
    case "validation":
      return e.licenseId ? { kind: "license", id: e.licenseId, tenantId: e.tenantId } : { kind: "caller", id: e.caller, tenantId: null };
    case "grant":
      return { kind: "caller", id: e.caller, tenantId: e.tenantId };
    case "sign-in":
      if (e.userId && e.outcome === "success") return { kind: "person", id: e.userId, tenantId: e.tenantId };
      return e.address ? { kind: "address", id: e.address, tenantId: null } : null;
    case "refusal":
      if (e.caller) return { kind: "caller", id: e.caller, tenantId: e.tenantId };
      return e.address ? { kind: "address", id: e.address, tenantId: null } : null;
    case "admin":
      return { kind: "person", id: e.userId, tenantId: e.tenantId };
  }
}

/** The facts an event may show for the first time, per event type (the rules' baseline sets). */
function factsOf(e: DetectorEvent): [SetName, string | null][] {
  switch (e.type) {
    case "introspection":
      return [["thumbprints", e.presentedThumbprint], ["identities", e.caller], ["networks", e.address ? networkOf(e.address) : null]];
    case "validation":
      return [["identities", e.caller], ["scopes", e.scope], ["networks", e.address ? networkOf(e.address) : null]];
    case "sign-in":
      return [["devices", e.deviceId ?? e.rememberedDeviceId]];
    default:
      return [];
  }
}

/**
 * The key of one event. `baseline` is the principal's baseline before the rules learned from the event
 * (undefined: none kept for it); `previousAt` the time of the principal's previous event, if any.
 */
export function eventKey(e: DetectorEvent, baseline: Baseline | undefined, previousAt: number | null): string {
  const outcome = e.type === "refusal" ? e.reason : e.type === "admin" ? e.action : e.outcome;
  const parts = [`${e.type}:${outcome}`];
  if (baseline && baseline.observations > 0) {
    for (const [set, value] of factsOf(e)) if (value !== null && !knows(baseline, set, value)) parts.push(`new-${set}`);
  }
  if (previousAt !== null && e.at - previousAt < burstGapMs) parts.push("burst");
  return parts.join("+");
}
