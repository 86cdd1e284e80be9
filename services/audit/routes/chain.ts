// GET /v1/chain/verify recomputes the whole MAC chain and names the first broken event (access, web, operator).
import type { FastifyInstance } from "fastify";
import { verifyChainResponse } from "../../../contracts/audit-api";
import { assertCaller } from "../../common/http/caller";
import type { AuditPrisma } from "../db/prisma";
import { verifyChain } from "../domain/chain/verify-chain";
import { eventReaders } from "./events";

export function registerChainRoutes(app: FastifyInstance, deps: { prisma: AuditPrisma; chainKey: Buffer }) {
  app.get("/v1/chain/verify", {
    config: { openapi: { summary: "Recomputes the whole MAC chain and names the first broken event.", tags: ["chain"], callers: eventReaders, response: verifyChainResponse } },
  }, async (request) => {
    assertCaller(request, eventReaders);
    const verdict = await verifyChain(deps.prisma, deps.chainKey);
    if (!verdict.ok) request.log.error({ firstBrokenSeq: verdict.firstBrokenSeq }, "audit chain broken");
    return verdict;
  });
}
