// `tessera audit export --out FILE [filters]` writes a chain segment of a selection (the same filters as
// the console's), streamed a page at a time; `tessera audit verify --file FILE` checks one offline with
// the published checkpoint public key alone (contracts/audit-segment.ts holds the format and the rule).
import fs from "node:fs";
import { checkpointPublicKeyFile } from "../../services/audit/config/checkpoint-key";
import { checkpointsFile } from "../../services/audit/domain/chain/checkpoint-file";
import { verifySegment } from "../../services/audit/domain/segments/verify-segment";
import { parseSegmentFilter, writeSegmentFile } from "../../services/audit/domain/segments/write-segment";
import { auditHostConfig, UsageError, withAuditDatabase } from "./audit-host-config";

export const filterOptions = {
  action: { type: "string" },
  tenant: { type: "string" },
  actor: { type: "string" },
  target: { type: "string" },
  "target-type": { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  search: { type: "string" },
} as const;

type FilterValues = { action?: string; tenant?: string; actor?: string; target?: string; "target-type"?: string; from?: string; to?: string; search?: string };

export async function exportSegment(out: string, v: FilterValues): Promise<number> {
  const parsed = parseSegmentFilter({ action: v.action, tenantId: v.tenant, actorId: v.actor, targetId: v.target, targetType: v["target-type"], from: v.from, to: v.to, q: v.search });
  if (!parsed.ok) throw new UsageError(parsed.message);
  const config = auditHostConfig();
  const keyFile = checkpointPublicKeyFile(config.chainKeyFile);
  const kid = fs.existsSync(keyFile) ? ((JSON.parse(fs.readFileSync(keyFile, "utf8")) as { kid?: string }).kid ?? null) : null;
  return withAuditDatabase(config, async (prisma) => {
    const bounds = await writeSegmentFile(prisma, { checkpointFile: checkpointsFile(config.dataDir), filter: parsed.filter, out, publicKeyKid: kid });
    const count = Math.max(0, bounds.toSeq - bounds.fromSeq + 1);
    console.log(`Wrote ${out}: events ${bounds.fromSeq}–${bounds.toSeq} (${count}) between two signed checkpoints; the selected ones in full, the others as digests.`);
    if (bounds.unanchored > 0) console.log(`${bounds.unanchored} selected event(s) are newer than the newest checkpoint and are not in it; export again once the audit service has anchored them (within seconds while it runs).`);
    console.log(`Check it anywhere with: tessera audit verify --file ${out} --public-key checkpoint-public.jwk`);
    return 0;
  });
}

export async function verifySegmentFile(file: string, publicKeyFile: string | undefined): Promise<number> {
  const keyFile = publicKeyFile ?? checkpointPublicKeyFile(auditHostConfig().chainKeyFile);
  if (!fs.existsSync(keyFile)) throw new UsageError(`No public key at ${keyFile}: pass --public-key with the published checkpoint-public.jwk.`);
  if (!fs.existsSync(file)) throw new UsageError(`No segment file at ${file}.`);
  const jwk = JSON.parse(fs.readFileSync(keyFile, "utf8")) as { kty?: string; crv?: string; x?: string };
  const verdict = verifySegment(fs.readFileSync(file, "utf8"), jwk);
  if (!verdict.ok) {
    console.error(`Segment ${file} does NOT verify: ${verdict.problem}.`);
    return 1;
  }
  const count = verdict.toSeq - verdict.fromSeq + 1;
  console.log(`Segment verified: events ${verdict.fromSeq}–${verdict.toSeq} (${Math.max(0, count)}), ${verdict.full} in full and ${verdict.digests} as digests, fold to the checkpoint signed ${verdict.endAt}${verdict.startAt ? ` from the one signed ${verdict.startAt}` : " from the chain's beginning"}.`);
  return 0;
}
