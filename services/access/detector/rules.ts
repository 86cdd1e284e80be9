// The detector's rules over one event and the baselines of the principals it concerns: pure decisions, no
// I/O. A rule fires only once its principal is warm (ruleThresholds.warmupObservations uses), except where
// the event itself is the proof (a token presented over a certificate other than the one it is bound to).
// After the rules, what the event showed is learned: a new value raises one alert, not one per use.
import type { AlertKind, PrincipalKind } from "../../../contracts/security-alert-api";
import { baselineSummary, countRequest, isWarm, knows, learn, type Baseline, type SetName } from "./baselines";
import type { DetectorEvent } from "./detector-event";
import { networkOf } from "./network-of";
import type { RuleThresholds } from "./rule-thresholds";
import { createSlidingCounters } from "./sliding-counters";

export type Finding = {
  kind: AlertKind;
  principalKind: PrincipalKind;
  principalId: string;
  tenantId: string | null;
  licenseId: string | null;
  at: number;
  evidence: Record<string, unknown>;
  baseline: Record<string, unknown>;
};

/** The principals whose baseline an event needs (loaded before the rules run). */
export function principalsOf(e: DetectorEvent): { kind: PrincipalKind; id: string; tenantId: string | null }[] {
  switch (e.type) {
    case "introspection":
      return e.tokenId ? [{ kind: "token", id: e.tokenId, tenantId: e.tenantId }] : [];
    case "validation":
      return e.licenseId ? [{ kind: "license", id: e.licenseId, tenantId: e.tenantId }] : [];
    case "sign-in":
      return e.userId && e.outcome === "success" ? [{ kind: "person", id: e.userId, tenantId: e.tenantId }] : [];
    default:
      return [];
  }
}

export type Rules = { evaluate(e: DetectorEvent, baselineOf: (kind: PrincipalKind, id: string) => Baseline | undefined): Finding[] };

export function createRules(t: RuleThresholds): Rules {
  const refusals = createSlidingCounters(t.refusalBurst.windowMs, t.maxCounters);
  const unknowns = createSlidingCounters(t.enumeration.windowMs, t.maxCounters);
  const failedSignIns = createSlidingCounters(t.credentialStuffing.windowMs, t.maxCounters);

  /**
   * Checks a value against a set once warm (news if never seen), then learns it: a new value is reported
   * once, not at every later use (a renewed certificate would otherwise alert all day); the alert stands
   * until a person decides, and "not an anomaly" makes the value permanently allowed (learned sets are
   * bounded and forget their oldest values; allowed ones are not).
   */
  const novel = (b: Baseline, set: SetName, value: string | null, warm: boolean): Record<string, unknown> | null => {
    if (value === null) return null;
    // The baseline as it was before this value: what the alert shows as broken.
    const broken = warm && !knows(b, set, value) ? baselineSummary(b, set) : null;
    learn(b, set, value, t);
    return broken;
  };

  const finding = (e: DetectorEvent, kind: AlertKind, pk: PrincipalKind, id: string, licenseId: string | null, evidence: Record<string, unknown>, baseline: Record<string, unknown>): Finding =>
    ({ kind, principalKind: pk, principalId: id, tenantId: e.tenantId, licenseId, at: e.at, evidence, baseline });

  const volume = (e: DetectorEvent, b: Baseline, licenseId: string | null, warm: boolean): Finding[] => {
    const { count, ewma, minute } = countRequest(b, e.at, t);
    const limit = Math.max(t.volume.minPerMinute, t.volume.factor * ewma);
    if (!warm || b.rate.minutesSeen < t.volume.warmupMinutes || count <= limit || b.rate.alertedMinute === minute) return [];
    b.rate.alertedMinute = minute;
    return [finding(e, "volume", b.kind, b.id, licenseId, { requestsThisMinute: count, limit: Math.round(limit) }, baselineSummary(b))];
  };

  const burst = (e: DetectorEvent, pk: PrincipalKind, key: string, extra: Record<string, unknown>): Finding[] => {
    const n = refusals.add(`${pk}:${key}`, e.at);
    if (n !== t.refusalBurst.count) return []; // exactly at the threshold: one finding per burst (then the cooldown)
    return [finding(e, "refusal-burst", pk, key, null, { refusalsInWindow: n, windowSeconds: t.refusalBurst.windowMs / 1000, ...extra }, { refusalsAllowedInWindow: t.refusalBurst.count - 1 })];
  };

  const enumeration = (e: DetectorEvent & { caller: string }): Finding[] => {
    const n = unknowns.add(e.caller, e.at);
    if (n !== t.enumeration.count) return [];
    return [finding(e, "enumeration", "caller", e.caller, null, { unknownInWindow: n, windowSeconds: t.enumeration.windowMs / 1000, address: "address" in e ? e.address : null }, { unknownAllowedInWindow: t.enumeration.count - 1 })];
  };

  return {
    evaluate(e, baselineOf) {
      const out: Finding[] = [];
      switch (e.type) {
        case "introspection": {
          if (!e.tokenId) return enumeration(e);
          const b = baselineOf("token", e.tokenId);
          if (!b) return out;
          const warm = isWarm(b, t);
          if (e.outcome === "wrong-certificate") {
            out.push(finding(e, "new-certificate", "token", e.tokenId, e.licenseId, { presentedThumbprint: e.presentedThumbprint, caller: e.caller, address: e.address, boundElsewhere: true }, baselineSummary(b, "thumbprints")));
          } else {
            const broken = novel(b, "thumbprints", e.presentedThumbprint, warm);
            if (broken) out.push(finding(e, "new-certificate", "token", e.tokenId, e.licenseId, { presentedThumbprint: e.presentedThumbprint, caller: e.caller, address: e.address }, broken));
          }
          {
            const broken = novel(b, "identities", e.caller, warm);
            if (broken) out.push(finding(e, "new-component", "token", e.tokenId, e.licenseId, { caller: e.caller, address: e.address }, broken));
          }
          const net = networkOf(e.address);
          {
            const broken = novel(b, "networks", net, warm);
            if (broken) out.push(finding(e, "new-network", "token", e.tokenId, e.licenseId, { network: net, address: e.address, caller: e.caller }, broken));
          }
          if (e.outcome === "active") {
            out.push(...volume(e, b, e.licenseId, warm));
          } else if (e.outcome !== "rate-limited") {
            out.push(...burst(e, "token", e.tokenId, { lastReason: e.outcome, caller: e.caller }));
          }
          b.observations++;
          return out;
        }
        case "validation": {
          if (!e.licenseId) {
            if (e.outcome === "unknown-key") return enumeration(e);
            return e.outcome === "rate-limited" ? out : burst(e, "caller", e.caller, { lastReason: e.outcome, address: e.address });
          }
          const b = baselineOf("license", e.licenseId);
          if (!b) return out;
          const warm = isWarm(b, t);
          {
            const broken = novel(b, "identities", e.caller, warm);
            if (broken) out.push(finding(e, "new-component", "license", e.licenseId, e.licenseId, { caller: e.caller, address: e.address }, broken));
          }
          {
            const broken = novel(b, "scopes", e.scope, warm);
            if (broken) out.push(finding(e, "new-component", "license", e.licenseId, e.licenseId, { scope: e.scope, caller: e.caller }, broken));
          }
          const net = networkOf(e.address);
          {
            const broken = novel(b, "networks", net, warm);
            if (broken) out.push(finding(e, "new-network", "license", e.licenseId, e.licenseId, { network: net, address: e.address, caller: e.caller }, broken));
          }
          if (e.outcome === "valid") out.push(...volume(e, b, e.licenseId, warm));
          else if (e.outcome !== "rate-limited") out.push(...burst(e, "license", e.licenseId, { lastReason: e.outcome, caller: e.caller }));
          b.observations++;
          return out;
        }
        case "grant":
          return e.outcome === "issued" ? out : burst(e, "caller", e.caller, { lastReason: e.outcome, clientId: e.clientId, address: e.address });
        case "refusal":
          return burst(e, e.caller ? "caller" : "address", e.caller ?? e.address ?? "unknown", { lastReason: e.reason, route: e.route, address: e.address });
        case "sign-in": {
          if (e.outcome === "failure") {
            const key = e.address ?? "unknown";
            const distinct = failedSignIns.add(key, e.at, e.email.toLowerCase());
            if (distinct !== t.credentialStuffing.distinctAccounts) return out;
            return [finding(e, "credential-stuffing", "address", key, null, { distinctAccounts: distinct, windowSeconds: t.credentialStuffing.windowMs / 1000 }, { distinctAccountsAllowed: t.credentialStuffing.distinctAccounts - 1 })];
          }
          if (!e.userId) return out;
          const b = baselineOf("person", e.userId);
          if (!b) return out;
          // A person has few sign-ins: one earlier sign-in is enough to know a device.
          const warm = b.observations >= 1;
          // A browser without a valid device cookie of this person, or with one never seen: a new device.
          if (warm && (e.deviceId === null || !knows(b, "devices", e.deviceId))) {
            out.push(finding(e, "new-device", "person", e.userId, null, { deviceId: e.deviceId, address: e.address, network: networkOf(e.address) }, baselineSummary(b, "devices")));
          }
          // The person proved who they are: the device they now carry a cookie for is theirs.
          learn(b, "devices", e.deviceId, t);
          learn(b, "devices", e.rememberedDeviceId, t);
          b.observations++;
          return out;
        }
        case "admin":
          return out; // administrative actions feed the sequence model only
      }
    },
  };
}
