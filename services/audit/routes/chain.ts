// GET /v1/chain/verify recomputes the whole MAC chain and names the first broken event (access, web, operator).
import type { FastifyInstance } from "fastify";
import { assertCaller } from "../../common/http/caller";
import type { AuditPrisma } from "../db/prisma";
import { verifyChain } from "../domain/chain/verify-chain";
import { eventReaders } from "./events";

export function registerChainRoutes(app: FastifyInstance, deps: { prisma: AuditPrisma; chainKey: Buffer }) {
  app.get("/v1/chain/verify", async (request) => {
    assertCaller(request, eventReaders);
    const verdict = await verifyChain(deps.prisma, deps.chainKey);
    if (!verdict.ok) request.log.error({ firstBrokenSeq: verdict.firstBrokenSeq }, "audit chain broken");
    return verdict;
  });
}
