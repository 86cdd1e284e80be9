// Keys by purpose, as the access host holds them: the storage keyring (AES-256-GCM, versioned), the
// license-signing keys (Ed25519) and the lookup-digest key (HMAC-SHA-256), each with its age and last
// rotation; the audit chain's MAC key lives on the audit host and is named, not read. A current key older
// than its purpose's TTL (keyTtlDays, the one policy the Security page's inventory shows too), or a key
// missing, is a finding.
import fs from "node:fs";
import type { CheckResult } from "../../../../contracts/security-plan";
import { keyTtlDays, type KeyPurpose } from "../../../../contracts/security-inventory-api";
import { loadSigningKeys, signingKeyFile } from "../../keys/signing-keys";
import type { StorageKeyring } from "../../keys/storage-keyring";

const day = 86_400_000;

export type KeyCheckInput = {
  keysDir: string;
  /** Null when no keyring could be loaded here. */
  keyring: Pick<StorageKeyring, "currentVersion" | "versions"> | null;
  /** The keyring file; absent when the keyring comes from ACCESS_KEYRING. */
  keyringFile: string | null;
  secretDigestKeyFile: string;
  /** The TLS certificates' own keys are checked by tls.services; named here for the inventory. */
  tlsKeyFiles: string[];
};

type KeyRow = { purpose: string; algorithm: string; where: string; versions: number | null; current: string | null; lastRotated: string | null; ageDays: number | null; problems: string[] };

const daysSince = (from: Date, now: Date) => Math.floor((now.getTime() - from.getTime()) / day);
const mtime = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.mtime ?? null;

export async function checkKeys(input: KeyCheckInput, now: () => Date): Promise<CheckResult> {
  const at = now();
  const rows: KeyRow[] = [];
  const aged = (d: Date | null, purpose: KeyPurpose) => (d && daysSince(d, at) > keyTtlDays[purpose] ? [`older than its ${keyTtlDays[purpose]} days: rotate it`] : []);

  const keyringChanged = input.keyringFile ? mtime(input.keyringFile) : null;
  rows.push({
    purpose: "storage (secrets at rest in the access database)",
    algorithm: "AES-256-GCM",
    where: input.keyringFile ?? "ACCESS_KEYRING (environment)",
    versions: input.keyring?.versions.length ?? null,
    current: input.keyring ? `version ${input.keyring.currentVersion}` : null,
    lastRotated: keyringChanged?.toISOString() ?? null,
    ageDays: keyringChanged ? daysSince(keyringChanged, at) : null,
    problems: input.keyring ? aged(keyringChanged, "storage") : ["no storage keyring could be loaded"],
  });

  try {
    // loadSigningKeys creates a missing file; a check must not create keys.
    if (!fs.existsSync(signingKeyFile(input.keysDir))) throw new Error("no license-signing key file");
    const ring = await loadSigningKeys(input.keysDir);
    const published = ring.published(at);
    rows.push({
      purpose: "signing (license certificates)",
      algorithm: "Ed25519 (EdDSA)",
      where: "license-signing.json",
      versions: published.length,
      current: ring.current.kid,
      lastRotated: ring.current.createdAt.toISOString(),
      ageDays: daysSince(ring.current.createdAt, at),
      problems: aged(ring.current.createdAt, "signing"),
    });
  } catch (e) {
    rows.push({ purpose: "signing (license certificates)", algorithm: "Ed25519 (EdDSA)", where: input.keysDir, versions: null, current: null, lastRotated: null, ageDays: null, problems: [`could not be read: ${(e as Error).message}`] });
  }

  const digestChanged = mtime(input.secretDigestKeyFile);
  rows.push({
    purpose: "lookup digests (tokens, links, license keys)",
    algorithm: "HMAC-SHA-256",
    where: input.secretDigestKeyFile,
    versions: digestChanged ? 1 : null,
    current: null,
    lastRotated: digestChanged?.toISOString() ?? null,
    ageDays: digestChanged ? daysSince(digestChanged, at) : null,
    problems: digestChanged ? [] : ["missing"],
  });
  for (const file of input.tlsKeyFiles) {
    const changed = mtime(file);
    rows.push({ purpose: "transport (TLS)", algorithm: "ECDSA P-256", where: file, versions: null, current: null, lastRotated: changed?.toISOString() ?? null, ageDays: changed ? daysSince(changed, at) : null, problems: changed ? [] : ["missing"] });
  }
  const problems = rows.flatMap((r) => r.problems.map((p) => `${r.purpose}: ${p}`));
  return {
    checkId: "keys.by-purpose",
    result: problems.length ? "fail" : "pass",
    sentence: problems.length
      ? `${problems.join("; ")}.`
      : `${rows.length} keys, one purpose each; the oldest current one was last rotated ${Math.max(...rows.map((r) => r.ageDays ?? 0))} day(s) ago. The audit chain's MAC key is held by the audit host alone.`,
    evidence: { keys: rows, auditChainKey: "held by the audit service (AUDIT_CHAIN_KEY_FILE); not readable from the access host", keyTtlDays },
    checkedAt: at.toISOString(),
  };
}
