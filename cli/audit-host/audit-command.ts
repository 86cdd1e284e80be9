// `tessera audit verify|export`: on the audit host, with the audit service's own configuration (AUDIT_*;
// by default the data folder's).
//  - `verify` checks every MAC of the chain and that the newest signed checkpoint's head is still there —
//    so deleting the newest events, which leaves a shorter chain that verifies link by link, is found and
//    named — and records the run (the console shows when the chain was last verified and by what).
//  - `verify --file segment.json [--public-key FILE]` checks an exported chain segment offline, with the
//    published public key alone (no database, no chain key): audit-segment-command.ts.
//  - `export --out segment.json [filters]` writes a verifiable chain segment of a selection.
// Exit code 0 when all holds, 1 when not, 2 on a usage error.
import fs from "node:fs";
import { parseArgs } from "node:util";
import type { JWK } from "jose";
import { loadOrCreateChainKey } from "../../services/audit/config/chain-key";
import { checkpointPublicKeyFile } from "../../services/audit/config/checkpoint-key";
import { verifyCheckpoint } from "../../services/audit/domain/chain/checkpoint";
import { checkpointsFile, readNewestCheckpoint } from "../../services/audit/domain/chain/checkpoint-file";
import { recordVerification } from "../../services/audit/domain/chain/record-verification";
import { verifyCheckpointHead, type HeadVerdict } from "../../services/audit/domain/chain/verify-checkpoint-head";
import { assertChainKey, auditHostConfig, UsageError, withAuditDatabase } from "./audit-host-config";
import { exportSegment, filterOptions, verifySegmentFile } from "./audit-segment-command";

const usage = [
  "usage: tessera audit verify [--checkpoint FILE] [--public-key FILE]",
  "       tessera audit verify --file SEGMENT [--public-key FILE]",
  "       tessera audit export --out SEGMENT [--action A] [--tenant ID] [--actor ID] [--target ID] [--target-type T] [--from ISO] [--to ISO] [--search TEXT]",
].join("\n");

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === "verify") {
      const { values } = parseArgs({ args: rest, options: { checkpoint: { type: "string" }, "public-key": { type: "string" }, file: { type: "string" } } });
      if (values.file) return await verifySegmentFile(values.file, values["public-key"]);
      return await verifyStoredChain(values);
    }
    if (sub === "export") {
      const { values } = parseArgs({ args: rest, options: { out: { type: "string" }, ...filterOptions } });
      if (!values.out) throw new UsageError("--out FILE is required");
      return await exportSegment(values.out, values);
    }
  } catch (e) {
    if (!(e instanceof UsageError) && !(e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) throw e;
    console.error(`${e.message}\n${usage}`);
    return 2;
  }
  console.error(usage);
  return 2;
}

async function verifyStoredChain(values: { checkpoint?: string; "public-key"?: string }): Promise<number> {
  const config = auditHostConfig();
  assertChainKey(config);
  const { key: chainKey } = await loadOrCreateChainKey(config.chainKeyFile);

  // The newest checkpoint (the data folder's, or a copy kept elsewhere) and the public key that signed it.
  const checkpointSource = values.checkpoint ?? checkpointsFile(config.dataDir);
  const keyFile = values["public-key"] ?? checkpointPublicKeyFile(config.chainKeyFile);
  const jws = await readNewestCheckpoint(checkpointSource);
  const publicJwk = fs.existsSync(keyFile) ? (JSON.parse(fs.readFileSync(keyFile, "utf8")) as JWK) : null;
  if (jws && !publicJwk) throw new Error(`No checkpoint public key at ${keyFile}; pass --public-key with the published key.`);
  const checkpoint = jws && publicJwk ? await verifyCheckpoint(jws, publicJwk).catch((e: Error) => { throw new Error(`the newest checkpoint in ${checkpointSource} does not verify with ${keyFile}: ${e.message}`); }) : null;

  return withAuditDatabase(config, async (prisma) => {
    const verdict = await verifyCheckpointHead(prisma, chainKey, checkpoint);
    await recordVerification(prisma, { ...verdict.chain, ok: verdict.ok }, { by: "operator" }, verdict.anchor.state);
    for (const line of describe(verdict, publicJwk?.kid)) console.log(line);
    return verdict.ok ? 0 : 1;
  });
}

function describe(v: HeadVerdict, kid: string | undefined): string[] {
  const lines = [
    v.chain.ok
      ? `Audit chain: ${v.chain.count} events, every MAC intact.`
      : `Audit chain BROKEN: ${v.chain.count} events; the first that does not fit the chain is seq ${v.chain.firstBrokenSeq}.`,
  ];
  const a = v.anchor;
  const signed = (cp: { seq: number; at: string }) => `the newest checkpoint (seq ${cp.seq}, signed ${cp.at}${kid ? ` by key ${kid}` : ""})`;
  if (a.state === "none") lines.push("No checkpoint yet: the audit service writes one within seconds of its first events.");
  if (a.state === "held") lines.push(`Anchored: ${signed(a.checkpoint)} is still the chain's event ${a.checkpoint.seq}; ${a.unanchored} newer event(s) not yet anchored.`);
  if (a.state === "missing") {
    const range = a.firstMissingSeq === a.lastMissingSeq ? `event ${a.firstMissingSeq} is` : `events ${a.firstMissingSeq}–${a.lastMissingSeq} (${a.lastMissingSeq - a.firstMissingSeq + 1}) are`;
    lines.push(`MISSING: ${signed(a.checkpoint)} anchors seq ${a.checkpoint.seq}, but the chain ends at seq ${a.firstMissingSeq - 1}: ${range} gone.`);
  }
  if (a.state === "changed") lines.push(`CHANGED: the chain's event ${a.checkpoint.seq} is not the one ${signed(a.checkpoint)} anchors (different MAC or contents).`);
  return lines;
}
