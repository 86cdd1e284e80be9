// `tessera keys status|rotate|reencrypt`: the access service's storage keyring, rotated online.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { countLicenseKeysByVersion, reencryptLicenseKeys } from "../../services/access/keys/reencrypt-license-keys";
import { rotateSigningKey } from "../../services/access/keys/signing-keys";
import { keyringFromEnvironment, keyringRecheckMs, loadKeyring, rotateKeyringFile } from "../../services/access/keys/storage-keyring";
import { recordEvent } from "../../services/access/outbox/record-event";
import { accessConfig, EmbeddedDatabaseBusy, openAccessHost, operatorActor, type AccessHost } from "./open-access-host";
import { recordOperatorEvent } from "../operator-events/operator-events";

const usage = "usage: tessera keys status | rotate | reencrypt [--batch N] [--retire-old-versions] | rotate-signing";

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "rotate": {
      const { keyringFile, ACCESS_KEYRING } = accessConfig();
      if (ACCESS_KEYRING) {
        throw new Error("the keyring comes from ACCESS_KEYRING: add a key version to that variable, make it current, restart the access processes, then run `tessera keys reencrypt`");
      }
      // Open the database first, so that a rotation is never left unaudited by a database we cannot reach.
      const host = await openAccessHost().catch((e: unknown) => {
        if (e instanceof EmbeddedDatabaseBusy) return null;
        throw e;
      });
      try {
        const { previous, current } = rotateKeyringFile(keyringFile);
        console.log(`Storage keyring ${keyringFile}: added key version ${current} and made it current (was ${previous}); older versions stay readable.`);
        console.log("Running access services pick the new version up within seconds. Then run: tessera keys reencrypt");
        await recordRotation(host, "keyring.rotate", { type: "keyring", id: "storage" }, { previousVersion: previous, currentVersion: current });
      } finally {
        await host?.close();
      }
      return 0;
    }
    case "rotate-signing": {
      const host = await openAccessHost().catch((e: unknown) => {
        if (e instanceof EmbeddedDatabaseBusy) return null;
        throw e;
      });
      try {
        const rotated = await rotateSigningKey(accessConfig().keysDir);
        console.log(`License-signing key ${rotated.kid} is now current; ${rotated.previousKid} stays in the JWKS until ${rotated.previousRetireAfter}.`);
        await recordRotation(host, "keys.signing_rotate", { type: "signing-key", id: rotated.kid }, rotated);
      } finally {
        await host?.close();
      }
      return 0;
    }
    case "reencrypt": {
      const { values } = parseArgs({ args: rest, options: { batch: { type: "string" }, "retire-old-versions": { type: "boolean" } } });
      const batchSize = values.batch === undefined ? 200 : Number(values.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error("--batch must be a whole number from 1 to 10000");
      if (!accessConfig().ACCESS_KEYRING) await waitForServicesToFollowRotation(accessConfig().keyringFile);
      const host = await openAccessHost();
      try {
        console.log(`Re-encrypting license keys under storage key version ${host.keyring.currentVersion} (batches of ${batchSize}; safe to interrupt and re-run).`);
        const result = await reencryptLicenseKeys(host.prisma, host.keyring, {
          batchSize,
          keyringFile: host.config.ACCESS_KEYRING ? null : host.config.keyringFile,
          retireOld: values["retire-old-versions"] ?? false,
          actor: operatorActor("tessera keys reencrypt"),
          onProgress: (p) => console.log(`  ${p.processed}/${p.total} checked, ${p.reencrypted} re-encrypted, ${p.failed} failed`),
        });
        for (const f of result.failed) console.error(`  license ${f.licenseId}: ${f.reason}`);
        for (const f of result.failedDataKeys) console.error(`  data key ${f.dataKeyId}: ${f.reason}`);
        console.log(
          `Done: ${result.reencrypted} re-encrypted under their tenant's data key, ${result.rewrappedDataKeys} data key(s) rewrapped to version ${result.toVersion}` +
            (result.failed.length ? `, ${result.failed.length} could not be read (listed above)` : "") +
            ".",
        );
        if (result.job.minDecryptionVersion) console.log(`Versions older than ${result.job.minDecryptionVersion} are retired: they no longer decrypt.`);
        else if (values["retire-old-versions"]) console.log(`Older versions stay readable: ${result.job.remainingUnderOld ?? "some"} record(s) remain under them.`);
        return result.failed.length || result.failedDataKeys.length ? 1 : 0;
      } finally {
        await host.close();
      }
    }
    case "status": {
      const config = accessConfig();
      const keyring = config.ACCESS_KEYRING ? keyringFromEnvironment(config.ACCESS_KEYRING) : loadKeyring(config.keyringFile);
      console.log(
        `Storage keyring: versions ${keyring.versions.join(", ")}; current ${keyring.currentVersion}` +
          (keyring.minDecryptionVersion > 1 ? `; minimum decryption version ${keyring.minDecryptionVersion} (older ones refused)` : "") +
          ".",
      );
      const host = await openAccessHost();
      try {
        for (const [version, count] of await countLicenseKeysByVersion(host.prisma)) console.log(`  ${version.padEnd(6)} ${count} license key(s)`);
      } finally {
        await host.close();
      }
      return 0;
    }
    default:
      throw new Error(usage);
  }
}

/**
 * Audits a rotation in the access database's outbox; while the access service holds its embedded
 * database (host null), in the operator journal instead, handed to that service over mTLS as PKI events are.
 */
async function recordRotation(
  host: AccessHost | null,
  action: string,
  target: { type: string; id: string },
  data: Record<string, string | number>,
): Promise<void> {
  if (!host) {
    await recordOperatorEvent(action, target, data);
    return;
  }
  await host.prisma.$transaction((tx) =>
    recordEvent(tx, {
      action,
      outcome: "success",
      actor: operatorActor(`tessera keys (${action})`),
      target,
      tenantId: null,
      sourceIp: null,
      requestId: null,
      data,
    }),
  );
}

/**
 * Running services switch to a new current version within keyringRecheckMs of a rotation; until then they
 * may still write under the old one. Starting after that window means one pass leaves nothing behind.
 */
async function waitForServicesToFollowRotation(keyringFile: string): Promise<void> {
  const age = Date.now() - fs.statSync(keyringFile).mtimeMs;
  const wait = keyringRecheckMs + 1_000 - age;
  if (wait <= 0) return;
  console.log(`The keyring was rotated ${Math.round(age / 1000)} s ago; waiting ${Math.ceil(wait / 1000)} s for running services to write under the new version.`);
  await new Promise((resolve) => setTimeout(resolve, wait));
}
