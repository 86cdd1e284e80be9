// GET /v1/chain/verify recomputes the whole MAC chain and names the first broken event; GET
// /v1/chain/checkpoint serves the newest signed checkpoint of the chain's head and the public key that
// checks it, for the access service and the operator to keep copies anchored outside this host.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { auditPolicies } from "../../../contracts/audit-policies";
import { verifyChainResponse } from "../../../contracts/audit-api";
import { routeOptions } from "../../common/http/policy";
import type { CheckpointKey } from "../config/checkpoint-key";
import type { AuditPrisma } from "../db/prisma";
import { readNewestCheckpoint } from "../domain/chain/checkpoint-file";
import { verifyChain } from "../domain/chain/verify-chain";

const checkpointResponse = z.object({
  /** Compact JWS (EdDSA) of { v, seq, mac, chainHash, at }; null before the first checkpoint. */
  checkpoint: z.string().nullable(),
  /** The Ed25519 public key (JWK, kid = RFC 7638 thumbprint) that verifies it. */
  publicKey: z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), alg: z.string(), use: z.string() }),
});

export function registerChainRoutes(app: FastifyInstance, deps: { prisma: AuditPrisma; chainKey: Buffer; checkpoints: { key: CheckpointKey; file: string } }) {
  app.get(
    "/v1/chain/verify",
    routeOptions(auditPolicies["GET /v1/chain/verify"], { summary: "Recomputes the whole MAC chain and names the first broken event.", tags: ["chain"], response: verifyChainResponse }),
    async (request) => {
      const verdict = await verifyChain(deps.prisma, deps.chainKey);
      if (!verdict.ok) request.log.error({ firstBrokenSeq: verdict.firstBrokenSeq }, "audit chain broken");
      return verdict;
    },
  );

  const checkpoints = deps.checkpoints;
  app.get(
    "/v1/chain/checkpoint",
    routeOptions(auditPolicies["GET /v1/chain/checkpoint"], { summary: "The newest signed checkpoint of the chain's head, and its public key.", tags: ["chain"], response: checkpointResponse }),
    async () => {
      const { kty, crv, x, kid } = checkpoints.key.publicJwk;
      return { checkpoint: await readNewestCheckpoint(checkpoints.file), publicKey: { kty: String(kty), crv: String(crv), x: String(x), kid, alg: "EdDSA", use: "sig" } };
    },
  );
}
