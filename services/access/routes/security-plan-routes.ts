// The security plan: NIST CSF 2.0 controls with live self-checks and their evidence, the access review (issue 9 §3).
// Who may call each route is its policy (contracts/access-policies.ts): reading for compliance.read,
// running a check and signing off the review for security_plan.write (platform administrators).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { checkParams, runCheckResponse, securityPlanResponse, signOffReviewRequest, signOffReviewResponse } from "../../../contracts/security-plan";
import { AppError } from "../../common/http/app-error";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import { auditActor } from "../domain/actors/actor";
import type { AccessContext } from "../domain/context";
import { checkAccessReview, signOffAccessReview } from "../domain/security-plan/access-review";
import { evidenceFor, getSecurityPlan } from "../domain/security-plan/get-security-plan";
import { depsOf, runSelfCheck, storeCheckResults } from "../domain/security-plan/run-self-checks";
import { securityPlanPdf } from "../domain/security-plan/security-plan-pdf";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";
import { pdfResponseDoc, replyWithPdf } from "./pdf-reply";

const doc = { tags: ["security plan"] } as const;

export function securityPlanRoutes(app: FastifyInstance, ctx: AccessContext): void {
  // GET /v1/security-plan — the latest result of each self-check and the last access review.
  app.get(
    "/v1/security-plan",
    routeOptions(policies["GET /v1/security-plan"], { ...doc, summary: "The security plan's latest self-check results and the last access review.", response: securityPlanResponse }),
    async (request) => getSecurityPlan(ctx, actorOf(request)),
  );

  // GET /v1/security-plan/pdf — the plan with its evidence as a PDF to file.
  app.get(
    "/v1/security-plan/pdf",
    routeOptions(policies["GET /v1/security-plan/pdf"], { ...doc, summary: "The security plan as a PDF (its bytes, application/pdf).", ...pdfResponseDoc }),
    async (request, reply) => {
      const plan = await getSecurityPlan(ctx, actorOf(request));
      return replyWithPdf(reply, await securityPlanPdf(plan, ctx.settings.publicUrl), `tessera-security-plan-${plan.generatedAt.slice(0, 10)}.pdf`);
    },
  );

  // POST /v1/security-plan/checks/:checkId/run — runs one check now, keeps and audits its result.
  app.post(
    "/v1/security-plan/checks/:checkId/run",
    routeOptions(policies["POST /v1/security-plan/checks/:checkId/run"], {
      ...doc,
      summary: "Run one self-check now; its result becomes the latest and goes into the audit chain.",
      params: checkParams,
      response: runCheckResponse,
      problems: { 409: "This service cannot run that check (its latest result comes from `tessera selfcheck`).", 503: "This service has no self-check configuration." },
    }),
    async (request) => {
      const { checkId } = parseInput(checkParams, request.params);
      const actor = actorOf(request);
      if (!ctx.selfCheck) throw new AppError("unavailable", "This access service is not set up to run self-checks.");
      const result = await runSelfCheck(depsOf(ctx), ctx.selfCheck, checkId);
      if (!result) throw new AppError("conflict", "The access service cannot see this; run `tessera selfcheck` on the host that launches the web tier.");
      await storeCheckResults(ctx.prisma, [result], actor.userId, auditActor(actor), requestMeta(request).requestId);
      return evidenceFor(actor, result);
    },
  );

  // POST /v1/security-plan/access-review — a platform administrator signs off the access review.
  app.post(
    "/v1/security-plan/access-review",
    routeOptions(policies["POST /v1/security-plan/access-review"], {
      ...doc,
      summary: "Sign off the review of privileged accounts, OAuth clients and certificates as they stand now.",
      body: signOffReviewRequest,
      status: 201,
      response: signOffReviewResponse,
    }),
    async (request, reply) => {
      const input = parseInput(signOffReviewRequest, request.body ?? {});
      const actor = actorOf(request);
      const meta = requestMeta(request);
      const review = await signOffAccessReview(ctx, actor, input, meta);
      const result = await checkAccessReview(ctx, ctx.now);
      await storeCheckResults(ctx.prisma, [result], actor.userId, auditActor(actor), meta.requestId);
      return reply.status(201).send({
        review: { id: review.id, signedOffAt: review.signedOffAt.toISOString(), signedOffBy: review.signedOffBy, note: review.note },
        result,
      });
    },
  );
}
