// `tessera audit verify`: on the audit host, with the audit service's own configuration (AUDIT_*; by
// default the data folder's), checks every MAC of the chain and that the newest signed checkpoint's
// head is still there — so deleting the newest events, which leaves a shorter chain that verifies link
// by link, is found and named. Exit code 0 when all holds, 1 when not.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { JWK } from "jose";
import { migrate } from "../../services/common/db/migrate";
import { embeddedDatabaseInUse, openDatabase } from "../../services/common/db/open-database";
import { loadOrCreateChainKey } from "../../services/audit/config/chain-key";
import { checkpointPublicKeyFile } from "../../services/audit/config/checkpoint-key";
import { readAuditConfig } from "../../services/audit/config/env";
import { createAuditPrisma } from "../../services/audit/db/prisma";
import { verifyCheckpoint } from "../../services/audit/domain/chain/checkpoint";
import { checkpointsFile, readNewestCheckpoint } from "../../services/audit/domain/chain/checkpoint-file";
import { verifyCheckpointHead, type HeadVerdict } from "../../services/audit/domain/chain/verify-checkpoint-head";
import { homeLayout, repoRoot, tesseraHome } from "../home";

const usage = "usage: tessera audit verify [--checkpoint FILE] [--public-key FILE]";

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "verify") {
    console.error(usage);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { checkpoint: { type: "string" }, "public-key": { type: "string" } } });
  const layout = homeLayout(tesseraHome());
  const read = readAuditConfig({
    AUDIT_DATA_DIR: layout.auditDir,
    // Required by the service's schema; this command makes no TLS connection with them.
    TLS_CA_FILE: layout.pki.caCert,
    TLS_CERT_FILE: layout.pki.cert("audit"),
    TLS_KEY_FILE: layout.pki.key("audit"),
    ...process.env,
  });
  if (!read.ok) throw new Error(read.message);
  const config = read.config;
  if (!fs.existsSync(config.chainKeyFile)) throw new Error(`No audit chain key at ${config.chainKeyFile}. Set AUDIT_CHAIN_KEY_FILE to the audit service's key.`);
  const { key: chainKey } = await loadOrCreateChainKey(config.chainKeyFile);

  // The newest checkpoint (the data folder's, or a copy kept elsewhere) and the public key that signed it.
  const checkpointSource = values.checkpoint ?? checkpointsFile(config.dataDir);
  const keyFile = values["public-key"] ?? checkpointPublicKeyFile(config.chainKeyFile);
  const jws = await readNewestCheckpoint(checkpointSource);
  const publicJwk = fs.existsSync(keyFile) ? (JSON.parse(fs.readFileSync(keyFile, "utf8")) as JWK) : null;
  if (jws && !publicJwk) throw new Error(`No checkpoint public key at ${keyFile}; pass --public-key with the published key.`);
  const checkpoint = jws && publicJwk ? await verifyCheckpoint(jws, publicJwk).catch((e: Error) => { throw new Error(`the newest checkpoint in ${checkpointSource} does not verify with ${keyFile}: ${e.message}`); }) : null;

  const embeddedDir = path.join(config.dataDir, "db");
  if (!config.databaseUrl && (await embeddedDatabaseInUse(embeddedDir))) {
    throw new Error("The audit service is running on its embedded database, which only one process can open at a time. Stop it (or `tessera start`) and run this again, or run the service on PostgreSQL (AUDIT_DATABASE_URL) to verify while it runs.");
  }
  const database = await openDatabase({ url: config.databaseUrl, embeddedDir });
  const prisma = createAuditPrisma(database.connectionString, database.poolMax);
  try {
    await migrate(database.connectionString, path.join(repoRoot, "prisma/audit/migrations"));
    const verdict = await verifyCheckpointHead(prisma, chainKey, checkpoint);
    for (const line of describe(verdict, publicJwk?.kid)) console.log(line);
    return verdict.ok ? 0 : 1;
  } finally {
    await prisma.$disconnect();
    await database.close();
  }
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

