// GET /v1/chain/verify recomputes the whole MAC chain and names the first broken event (access, operator).
import type { FastifyInstance } from "fastify";
import { auditPolicies } from "../../../contracts/audit-policies";
import { verifyChainResponse } from "../../../contracts/audit-api";
import { routeOptions } from "../../common/http/policy";
import type { AuditPrisma } from "../db/prisma";
import { verifyChain } from "../domain/chain/verify-chain";

export function registerChainRoutes(app: FastifyInstance, deps: { prisma: AuditPrisma; chainKey: Buffer }) {
  app.get(
    "/v1/chain/verify",
    routeOptions(auditPolicies["GET /v1/chain/verify"], { summary: "Recomputes the whole MAC chain and names the first broken event.", tags: ["chain"], response: verifyChainResponse }),
    async (request) => {
      const verdict = await verifyChain(deps.prisma, deps.chainKey);
      if (!verdict.ok) request.log.error({ firstBrokenSeq: verdict.firstBrokenSeq }, "audit chain broken");
      return verdict;
    },
  );
}
