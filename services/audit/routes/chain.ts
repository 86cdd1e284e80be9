// GET /v1/chain/verify recomputes the whole MAC chain, names the first broken event and records the run
// (who asked, what it found; GET /v1/chain/verifications/latest serves the newest); GET
// /v1/chain/segment/bounds and …/entries serve a verifiable chain segment of a selection
// (contracts/audit-segment.ts) a page at a time; GET
// /v1/chain/checkpoint serves the newest signed checkpoint of the chain's head and the public key that
// checks it, for the access service and the operator to keep copies anchored outside this host.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { auditPolicies } from "../../../contracts/audit-policies";
import { eventFilter, latestVerificationResponse, segmentEntriesQuery, verifyChainQuery, verifyChainResponse } from "../../../contracts/audit-api";
import { segmentBounds as segmentBoundsResponse, segmentEntriesResponse } from "../../../contracts/audit-segment";
import { parseInput } from "../../common/http/parse";
import { routeOptions, verifiedCaller } from "../../common/http/policy";
import type { CheckpointKey } from "../config/checkpoint-key";
import type { AuditPrisma } from "../db/prisma";
import { readNewestCheckpoint } from "../domain/chain/checkpoint-file";
import { latestVerification, recordVerification, type VerificationRun } from "../domain/chain/record-verification";
import { verifyChain } from "../domain/chain/verify-chain";
import { filterOf } from "../domain/events/event-where";
import { segmentBounds, segmentEntries } from "../domain/segments/chain-segment";

const checkpointResponse = z.object({
  /** Compact JWS (EdDSA) of { v, seq, mac, chainHash, at }; null before the first checkpoint. */
  checkpoint: z.string().nullable(),
  /** The Ed25519 public key (JWK, kid = RFC 7638 thumbprint) that verifies it. */
  publicKey: z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), alg: z.string(), use: z.string() }),
});

type ChainDeps = { prisma: AuditPrisma; chainKey: Buffer; checkpoints: { key: CheckpointKey; file: string }; flushCheckpoints: () => Promise<void> };

export function registerChainRoutes(app: FastifyInstance, deps: ChainDeps) {
  app.get(
    "/v1/chain/verify",
    routeOptions(auditPolicies["GET /v1/chain/verify"], { summary: "Recomputes the whole MAC chain, names the first broken event and records the run.", tags: ["chain"], query: verifyChainQuery, response: verifyChainResponse }),
    async (request) => {
      const query = parseInput(verifyChainQuery, request.query);
      const verdict = await verifyChain(deps.prisma, deps.chainKey);
      if (!verdict.ok) request.log.error({ firstBrokenSeq: verdict.firstBrokenSeq }, "audit chain broken");
      const run: VerificationRun =
        verifiedCaller(request) === "operator" ? { by: "operator" } : query.by === "person" && query.personId ? { by: "person", personId: query.personId, personLabel: query.personLabel ?? null } : query.by === "selfcheck" ? { by: "selfcheck" } : { by: "access" };
      await recordVerification(deps.prisma, verdict, run);
      return verdict;
    },
  );

  app.get(
    "/v1/chain/verifications/latest",
    routeOptions(auditPolicies["GET /v1/chain/verifications/latest"], { summary: "When the chain was last verified, by what, and what was found.", tags: ["chain"], response: latestVerificationResponse }),
    async () => ({ latest: await latestVerification(deps.prisma) }),
  );

  app.get(
    "/v1/chain/segment/bounds",
    routeOptions(auditPolicies["GET /v1/chain/segment/bounds"], { summary: "The signed checkpoints around a selection's events: where its verifiable segment starts and ends.", tags: ["chain"], query: eventFilter, response: segmentBoundsResponse }),
    async (request) => {
      const filter = filterOf(parseInput(eventFilter, request.query));
      // Anchor what was appended until now, so the segment covers the newest selected events too.
      await deps.flushCheckpoints();
      return segmentBounds(deps.prisma, deps.checkpoints.file, filter);
    },
  );

  app.get(
    "/v1/chain/segment/entries",
    routeOptions(auditPolicies["GET /v1/chain/segment/entries"], { summary: "A page of a segment's entries: the selected events in full, the others as digests.", tags: ["chain"], query: segmentEntriesQuery, response: segmentEntriesResponse }),
    async (request) => {
      const { fromSeq, toSeq, limit, ...filter } = parseInput(segmentEntriesQuery, request.query);
      return segmentEntries(deps.prisma, filterOf(filter), { fromSeq, toSeq, limit });
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
