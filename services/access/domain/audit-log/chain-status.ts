// When the audit chain was last verified and by what (the audit service records every run where it
// runs: the operator's `tessera audit verify`, the scheduled self-check, a person in the console), the
// newest signed checkpoint, and the published key; and a verification a person starts from the console.
import { latestVerificationResponse, verifyChainResponse, type ChainVerification } from "../../../../contracts/audit-api";
import type { ChainStatus } from "../../../../contracts/audit-log-api";
import { z } from "zod";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { queryString, readAudit } from "./read-audit";

const checkpointResponse = z.object({ checkpoint: z.string().nullable(), publicKey: z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string() }) });

const byLabels: Record<ChainVerification["by"], string> = {
  operator: "the operator's tessera audit verify",
  selfcheck: "the scheduled self-check",
  person: "a person in the console",
  access: "the access service",
};

export async function chainStatus(ctx: AccessContext): Promise<ChainStatus> {
  const [latest, served] = await Promise.all([readAudit(ctx, "/v1/chain/verifications/latest", latestVerificationResponse), readAudit(ctx, "/v1/chain/checkpoint", checkpointResponse)]);
  const v = latest.latest;
  const { kty, crv, x, kid } = served.publicKey;
  return {
    lastVerification: v ? { ...v, byLabel: v.by === "person" && v.personLabel ? `${v.personLabel}, in the console` : byLabels[v.by] } : null,
    checkpoint: served.checkpoint ? checkpointSummary(served.checkpoint) : null,
    publicKey: { kty, crv, x, kid },
  };
}

function checkpointSummary(jws: string): { seq: number; at: string } | null {
  try {
    const payload = JSON.parse(Buffer.from(jws.split(".")[1] ?? "", "base64url").toString("utf8")) as { seq?: unknown; at?: unknown };
    return typeof payload.seq === "number" && typeof payload.at === "string" ? { seq: payload.seq, at: payload.at } : null;
  } catch {
    return null;
  }
}

/** Verifies the whole chain now, for a person: the audit service records the run with their name. */
export async function verifyChainNow(ctx: AccessContext, actor: Actor) {
  return readAudit(ctx, `/v1/chain/verify?${queryString({ by: "person", personId: actor.userId, personLabel: actor.name || actor.email })}`, verifyChainResponse);
}
