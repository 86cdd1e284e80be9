// `tessera detector train`: trains the anomaly detector's sequence models now, on the history the access
// service recorded (the same job its schedule runs in a worker thread, here in this process), one version
// per kind of principal with enough history; running access services load the new versions within a
// minute. Refused while another training holds the lock, and on an embedded database the service holds.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { keyHistoryLimits } from "../../services/access/detector/sequence/key-history";
import { minHistoryPerKind } from "../../services/access/detector/sequence/model-training";
import { runTrainingJob } from "../../services/access/detector/sequence/training-job";
import { pendingMigrations } from "../../services/common/db/migrate";
import { embeddedDatabaseInUse, openDatabase } from "../../services/common/db/open-database";
import { repoRoot } from "../home";
import { accessConfig, operatorActor } from "./open-access-host";

const usage = "usage: tessera detector train [--min-history N]";

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "train") throw new Error(usage);
  const { values } = parseArgs({ args: rest, options: { "min-history": { type: "string" } } });
  const minHistory = values["min-history"] === undefined ? minHistoryPerKind : Number(values["min-history"]);
  if (!Number.isInteger(minHistory) || minHistory < 1) throw new Error(`--min-history must be a whole number of events, at least 1. ${usage}`);
  const config = accessConfig();
  const embeddedDir = path.join(config.ACCESS_DATA_DIR, "db");
  if (!config.ACCESS_DATABASE_URL) {
    if (await embeddedDatabaseInUse(embeddedDir)) {
      throw new Error("The access service is running on its embedded database and retrains on its own schedule (DETECTOR_MODEL_RETRAIN_HOURS); stop it to train now, or run it on PostgreSQL.");
    }
    if (!fs.existsSync(path.join(embeddedDir, "pgdata"))) throw new Error(`No access database in ${embeddedDir}. Start the access service once, or set ACCESS_DATABASE_URL.`);
  }
  const database = await openDatabase({ url: config.ACCESS_DATABASE_URL, embeddedDir });
  try {
    const pending = await pendingMigrations(database.connectionString, path.join(repoRoot, "prisma/access/migrations"));
    if (pending.length) throw new Error(`The access database's schema is behind (not applied: ${pending.join(", ")}): start the access service of this version once, then run this again.`);
    const outcome = await runTrainingJob({ connectionString: database.connectionString, minHistory, rowsPerKind: keyHistoryLimits.rowsPerKind, keepVersions: 3, actor: operatorActor("tessera detector train") });
    if (outcome.state === "busy") {
      console.log("Another training is running (an access process holds the lock); nothing trained.");
      return 1;
    }
    console.log("| kind | version | events | principals | examples | loss | training |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const t of outcome.trained) console.log(`| ${t.kind} | ${t.version} | ${t.historyRows} | ${t.principals} | ${t.examples} | ${t.loss.toFixed(3)} | ${(t.trainMs / 1000).toFixed(1)} s |`);
    for (const s of outcome.skipped) console.log(`| ${s.kind} | not trained: ${s.historyRows} events recorded, fewer than ${minHistory} | | | | | |`);
    return 0;
  } finally {
    await database.close();
  }
}
