// One entry of the internal CA's index of issued certificates (written by `tessera pki`, read by the
// access service's inventory): public facts only — serial, identity, usage, validity, what it replaced.
import { z } from "zod";

/** "server+client": issued before usages were split (one certificate for both). */
export const indexUsage = z.enum(["server", "client", "server+client"]);
export type IndexUsage = z.infer<typeof indexUsage>;

export const indexEntry = z.object({
  serial: z.string(),
  identity: z.string(),
  usage: indexUsage,
  notBefore: z.iso.datetime(),
  notAfter: z.iso.datetime(),
  issuedAt: z.iso.datetime(),
  /** The certificate of the same identity and usage that this one replaced, if any. */
  replaces: z.string().nullable().default(null),
});
export type IndexEntry = z.infer<typeof indexEntry>;
export const indexFile = z.array(indexEntry);

/** revoked: by an operator (`tessera pki revoke`); replaced: revoked by the renewal that issued its successor. */
export type CertificateState = "valid" | "expired" | "revoked" | "replaced";
