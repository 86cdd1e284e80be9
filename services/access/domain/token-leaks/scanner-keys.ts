// Secret scanners' signing keys: a platform administrator registers a reporter's ECDSA P-256 public key
// under the identifier the reporter sends with each report, lists them, and retires one (its reports are
// then refused). Each change is audited.
import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import type { RegisterSecretScannerKeyRequest, SecretScannerKeyDto } from "../../../../contracts/token-leak-api";
import { AppError } from "../../../common/http/app-error";
import { isUniqueViolation } from "../../db/unique-violation";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { newId } from "../secrets/ids";

type KeyRow = { id: string; reporter: string; keyIdentifier: string; fingerprint: string; createdAt: Date; retiredAt: Date | null };

const toDto = (k: KeyRow): SecretScannerKeyDto => ({
  id: k.id,
  reporter: k.reporter,
  keyIdentifier: k.keyIdentifier,
  fingerprint: k.fingerprint,
  createdAt: k.createdAt.toISOString(),
  retiredAt: k.retiredAt?.toISOString() ?? null,
});

const notP256 = "This is not an ECDSA P-256 public key in PEM (-----BEGIN PUBLIC KEY-----).";

/** The PEM as a P-256 public key, or a 422 naming the field. */
const privateKeyPasted = "This is a private key: paste the reporter's public key (-----BEGIN PUBLIC KEY-----); a private key is never shared.";

export function parseP256PublicKey(pem: string): KeyObject {
  // createPublicKey would derive the public half of a private key: refuse one outright, so a reporter's
  // private key is never taken in (nor kept in a request's trail as if it belonged here).
  if (/PRIVATE KEY/.test(pem)) throw new AppError("validation-failed", privateKeyPasted, { fieldErrors: { publicKey: [privateKeyPasted] } });
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: "pem" });
  } catch {
    throw new AppError("validation-failed", notP256, { fieldErrors: { publicKey: [notP256] } });
  }
  if (key.type !== "public" || key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw new AppError("validation-failed", notP256, { fieldErrors: { publicKey: [notP256] } });
  }
  return key;
}

export const keyFingerprint = (key: KeyObject) => createHash("sha256").update(key.export({ type: "spki", format: "der" })).digest("hex");

export async function listScannerKeys(ctx: AccessContext): Promise<{ keys: SecretScannerKeyDto[] }> {
  const keys = await ctx.prisma.secretScannerKey.findMany({ orderBy: [{ retiredAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }] });
  return { keys: keys.map(toDto) };
}

export async function registerScannerKey(ctx: AccessContext, actor: Actor, input: RegisterSecretScannerKeyRequest, meta: RequestMeta): Promise<{ key: SecretScannerKeyDto }> {
  const key = parseP256PublicKey(input.publicKey);
  const publicKey = key.export({ type: "spki", format: "pem" }).toString();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const row = await tx.secretScannerKey.create({
        data: { id: newId("ssk"), reporter: input.reporter, keyIdentifier: input.keyIdentifier, publicKey, fingerprint: keyFingerprint(key), createdById: actor.userId },
      });
      await recordEvent(tx, {
        action: "secret_scanner_key.register",
        outcome: "success",
        actor: auditActor(actor),
        target: { type: "secret_scanner_key", id: row.id },
        tenantId: null,
        sourceIp: meta.sourceIp,
        requestId: meta.requestId,
        data: { reporter: row.reporter, fingerprint: row.fingerprint },
      });
      return { key: toDto(row) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "A key with this identifier is already registered.", { reason: "key-identifier-taken", fieldErrors: { keyIdentifier: ["Already registered."] } });
    }
    throw error;
  }
}

export async function retireScannerKey(ctx: AccessContext, actor: Actor, id: string, meta: RequestMeta): Promise<{ key: SecretScannerKeyDto }> {
  return ctx.prisma.$transaction(async (tx) => {
    const found = await tx.secretScannerKey.findUnique({ where: { id } });
    if (!found) throw new AppError("not-found", "No such scanner key.");
    const { count } = await tx.secretScannerKey.updateMany({ where: { id, retiredAt: null }, data: { retiredAt: new Date() } });
    if (count === 0) throw new AppError("conflict", "This key is already retired.", { reason: "already-retired" });
    await recordEvent(tx, {
      action: "secret_scanner_key.retire",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "secret_scanner_key", id },
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { reporter: found.reporter },
    });
    const row = await tx.secretScannerKey.findUniqueOrThrow({ where: { id } });
    return { key: toDto(row) };
  });
}
