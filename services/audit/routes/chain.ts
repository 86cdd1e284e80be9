// GET /v1/chain/verify recomputes the whole MAC chain and names the first broken event; GET
// /v1/chain/checkpoint serves the newest signed checkpoint of the chain's head and the public key that
// checks it, for the access service and the operator to keep copies anchored outside this host.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { verifyChainResponse } from "../../../contracts/audit-api";
import { assertCaller } from "../../common/http/caller";
import type { CheckpointKey } from "../config/checkpoint-key";
import type { AuditPrisma } from "../db/prisma";
import { readNewestCheckpoint } from "../domain/chain/checkpoint-file";
import { verifyChain } from "../domain/chain/verify-chain";
import { eventReaders } from "./events";

const checkpointResponse = z.object({
  /** Compact JWS (EdDSA) of { v, seq, mac, chainHash, at }; null before the first checkpoint. */
  checkpoint: z.string().nullable(),
  /** The Ed25519 public key (JWK, kid = RFC 7638 thumbprint) that verifies it. */
  publicKey: z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), alg: z.string(), use: z.string() }),
});

export function registerChainRoutes(app: FastifyInstance, deps: { prisma: AuditPrisma; chainKey: Buffer; checkpoints?: { key: CheckpointKey; file: string } }) {
  app.get("/v1/chain/verify", {
    config: { openapi: { summary: "Recomputes the whole MAC chain and names the first broken event.", tags: ["chain"], callers: eventReaders, response: verifyChainResponse } },
  }, async (request) => {
    assertCaller(request, eventReaders);
    const verdict = await verifyChain(deps.prisma, deps.chainKey);
    if (!verdict.ok) request.log.error({ firstBrokenSeq: verdict.firstBrokenSeq }, "audit chain broken");
    return verdict;
  });

  const checkpoints = deps.checkpoints;
  if (!checkpoints) return;
  app.get("/v1/chain/checkpoint", {
    config: { openapi: { summary: "The newest signed checkpoint of the chain's head, and its public key.", tags: ["chain"], callers: eventReaders, response: checkpointResponse } },
  }, async (request) => {
    assertCaller(request, eventReaders);
    const { kty, crv, x, kid } = checkpoints.key.publicJwk;
    return { checkpoint: await readNewestCheckpoint(checkpoints.file), publicKey: { kty: String(kty), crv: String(crv), x: String(x), kid, alg: "EdDSA", use: "sig" } };
  });
}
