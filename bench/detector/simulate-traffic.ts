// A labelled traffic simulator for the detector: normal components (tokens used by their resource server
// over their own certificate from their own network, at their own steady rate with noise), licenses
// validated for the scopes they use, people signing in from their devices (sometimes a new one, sometimes a
// typo) — and injected attacks, each an episode with a kind, a start and its events:
//   stolen-token    a token presented over another certificate from another network
//   scope-probing   a license validated for scopes (and by a component) it never used
//   exfiltration    a token used at many times its own rate for a few minutes
//   stuffing        failed sign-ins for many accounts from one address
//   revoked-retry   a revoked component's token retried again and again
//   enumeration     unknown tokens presented by one caller
// Normal traffic also holds what honest use looks like and rules can mistake: certificates rotated (about
// daily per component), nightly-style batch bursts of a few tokens, people's new devices; and a share of
// the attacks is stealthy (a stolen token used from the victim's own network without a forwarded
// certificate; exfiltration at three times the normal rate), so recall below 1 is a finding, not a bug.
// Seeded (mulberry32): the same seed gives the same traffic. The bench's seed is its own, and nothing the
// simulator makes is written to a deployment's database or a model's training set.
import type { DetectorEvent } from "../../services/access/detector/detector-event";

export const attackKinds = ["stolen-token", "scope-probing", "exfiltration", "stuffing", "revoked-retry", "enumeration"] as const;
export type AttackKind = (typeof attackKinds)[number];
export type Labelled = { event: DetectorEvent; label: AttackKind | "normal"; episode: number | null };
export type Episode = { id: number; kind: AttackKind; startsAt: number };

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SimulationSetup = { seed: number; tokens: number; licenses: number; people: number; minutes: number; episodesPerKind: number };

const thumb = (n: number) => `t${String(n).padStart(42, "0")}`;

export function simulateTraffic(s: SimulationSetup): { events: Labelled[]; episodes: Episode[] } {
  const rand = mulberry32(s.seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const events: Labelled[] = [];
  const push = (event: DetectorEvent, label: Labelled["label"] = "normal", episode: number | null = null) => events.push({ event, label, episode });
  const startMs = Date.UTC(2026, 0, 5, 8);
  const minute = 60_000;
  const servers = ["reports-worker", "etl-worker", "files-worker", "analytics-worker"];

  const tokens = Array.from({ length: s.tokens }, (_, i) => ({
    id: `tok_${i}`, licenseId: `lic_${i % s.licenses}`, tenantId: `ten_${i % 7}`, caller: servers[i % servers.length]!,
    thumbprint: thumb(i), address: `10.${i % 50}.${(i * 7) % 250}.${(i % 200) + 1}`, perMinute: 2 + Math.floor(rand() * 30),
  }));
  const licenses = Array.from({ length: s.licenses }, (_, i) => ({ id: `lic_${i}`, tenantId: `ten_${i % 7}`, caller: servers[i % servers.length]!, scopes: ["reports:read", "reports:write"].slice(0, 1 + (i % 2)), address: `10.60.${i % 250}.${(i % 9) + 1}`, perMinute: 1 + Math.floor(rand() * 10) }));
  const people = Array.from({ length: s.people }, (_, i) => ({ id: `usr_${i}`, email: `person${i}@example.org`, tenantId: `ten_${i % 7}`, devices: [`dev_${i}_0`], address: `192.168.${i % 250}.${(i % 20) + 1}` }));

  // Normal traffic, minute by minute.
  for (let m = 0; m < s.minutes; m++) {
    const base = startMs + m * minute;
    for (const t of tokens) {
      if (rand() < 1 / (24 * 60)) t.thumbprint = thumb(500_000 + Math.floor(rand() * 400_000)); // its certificate renewed
      // A few tokens run batch jobs: an hour's work in a couple of minutes at several times their rate.
      const batch = t.perMinute < 6 && Number(t.id.slice(4)) % 50 === 0 && m % 60 < 2;
      const n = Math.max(0, Math.round(t.perMinute * (batch ? 8 : 1) * (0.6 + rand() * 0.8)));
      for (let k = 0; k < n; k++) push({ type: "introspection", at: base + Math.floor(rand() * minute), tenantId: t.tenantId, caller: t.caller, address: t.address, tokenId: t.id, licenseId: t.licenseId, presentedThumbprint: t.thumbprint, outcome: "active" });
    }
    for (const l of licenses) {
      const n = Math.max(0, Math.round(l.perMinute * (0.5 + rand())));
      for (let k = 0; k < n; k++) push({ type: "validation", at: base + Math.floor(rand() * minute), tenantId: l.tenantId, caller: l.caller, address: l.address, licenseId: l.id, scope: pick(l.scopes), outcome: "valid" });
    }
    // People sign in a few times a day; now and then from a new device (a real one: a false alert if flagged) or with a typo.
    for (const p of people) {
      if (rand() > 1 / 120) continue;
      const at = base + Math.floor(rand() * minute);
      if (rand() < 0.1) push({ type: "sign-in", at, tenantId: p.tenantId, userId: null, email: p.email, address: p.address, deviceId: null, rememberedDeviceId: null, outcome: "failure" });
      const fresh = rand() < 0.02;
      const device = fresh ? `dev_${p.id}_${p.devices.length}` : pick(p.devices);
      if (fresh) p.devices.push(device);
      push({ type: "sign-in", at: at + 5_000, tenantId: p.tenantId, userId: p.id, email: p.email, address: p.address, deviceId: fresh ? null : device, rememberedDeviceId: device, outcome: "success" });
    }
    // A mistyped or expired token now and then: an unknown one from a normal caller.
    if (rand() < 0.2) push({ type: "introspection", at: base + Math.floor(rand() * minute), tenantId: null, caller: pick(servers), address: "10.0.0.1", tokenId: null, licenseId: null, presentedThumbprint: null, outcome: "unknown" });
  }

  // Attacks, after the first third (the warm-up), spread over the rest.
  const episodes: Episode[] = [];
  let nextEpisode = 0;
  for (const kind of attackKinds) {
    for (let e = 0; e < s.episodesPerKind; e++) {
      const id = nextEpisode++;
      const startsAt = startMs + Math.floor((s.minutes / 3 + rand() * (s.minutes / 2)) * minute);
      episodes.push({ id, kind, startsAt });
      const t = tokens[(id * 13) % tokens.length]!;
      const l = licenses[(id * 7) % licenses.length]!;
      const attacker = `203.0.${113 + (id % 3)}.${(id % 250) + 1}`;
      const at = (k: number, spacingMs: number) => startsAt + k * spacingMs;
      switch (kind) {
        case "stolen-token": {
          // One in four from inside the victim's network, its resource server forwarding no certificate.
          const inside = e % 4 === 3;
          for (let k = 0; k < 5; k++) push({ type: "introspection", at: at(k, 2_000), tenantId: t.tenantId, caller: t.caller, address: inside ? t.address : attacker, tokenId: t.id, licenseId: t.licenseId, presentedThumbprint: inside ? null : thumb(900_000 + id), outcome: "active" }, kind, id);
          break;
        }
        case "scope-probing": {
          const probes = ["reports:admin", "files:read", "etl:run", "analytics:export"];
          for (let k = 0; k < probes.length; k++) push({ type: "validation", at: at(k, 1_000), tenantId: l.tenantId, caller: pick(servers.filter((x) => x !== l.caller)), address: l.address, licenseId: l.id, scope: probes[k]!, outcome: "valid" }, kind, id);
          break;
        }
        case "exfiltration": {
          // Half the episodes at fifteen times the token's rate, half at three times (below the rule's factor).
          const perMinute = t.perMinute * (e % 2 === 0 ? 15 : 3);
          for (let k = 0; k < 4 * perMinute; k++) push({ type: "introspection", at: at(k, minute / perMinute), tenantId: t.tenantId, caller: t.caller, address: t.address, tokenId: t.id, licenseId: t.licenseId, presentedThumbprint: t.thumbprint, outcome: "active" }, kind, id);
          break;
        }
        case "stuffing":
          for (let k = 0; k < 40; k++) push({ type: "sign-in", at: at(k, 500), tenantId: null, userId: null, email: `victim${id}_${k}@example.org`, address: attacker, deviceId: null, rememberedDeviceId: null, outcome: "failure" }, kind, id);
          break;
        case "revoked-retry":
          for (let k = 0; k < 60; k++) push({ type: "introspection", at: at(k, 500), tenantId: t.tenantId, caller: t.caller, address: t.address, tokenId: `tok_revoked_${id}`, licenseId: t.licenseId, presentedThumbprint: t.thumbprint, outcome: "revoked" }, kind, id);
          break;
        case "enumeration":
          for (let k = 0; k < 50; k++) push({ type: "introspection", at: at(k, 200), tenantId: null, caller: `prober-${id}`, address: attacker, tokenId: null, licenseId: null, presentedThumbprint: null, outcome: "unknown" }, kind, id);
          break;
      }
    }
  }
  events.sort((a, b) => a.event.at - b.event.at);
  return { events, episodes };
}
