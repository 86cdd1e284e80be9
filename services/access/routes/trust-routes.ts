// The public trust page's facts (no sign-in): data inventory, subprocessors, commitments, privacy policy versions, security.txt; and their editing (issue 9 §2).
// Notices of material change and each district's acknowledgement (§4).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { componentIdParams } from "../../../contracts/catalogue-api";
import {
  acknowledgeNoticeResponse,
  declareInventoryRequest,
  declareInventoryResponse,
  listNoticesResponse,
  noticeIdParams,
  publishDocumentRequest,
  publishDocumentResponse,
  trustResponse,
} from "../../../contracts/trust-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { acknowledgeNotice } from "../domain/trust/acknowledge-notice";
import { declareInventory } from "../domain/trust/declare-inventory";
import { getTrust } from "../domain/trust/get-trust";
import { listNotices } from "../domain/trust/list-notices";
import { publishDocument } from "../domain/trust/publish-document";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";

const doc = { tags: ["trust"] } as const;

export function trustRoutes(app: FastifyInstance, ctx: AccessContext): void {
  // GET /v1/trust — everything the public trust page shows; no session, no customer data.
  app.get("/v1/trust", routeOptions(policies["GET /v1/trust"], { ...doc, summary: "The public trust page's facts: data inventories, policy, subprocessors, commitments, security contact.", response: trustResponse }), async () => getTrust(ctx));

  // POST /v1/components/:id/inventory — a new version of a component's data inventory.
  app.post(
    "/v1/components/:id/inventory",
    routeOptions(policies["POST /v1/components/:id/inventory"], {
      ...doc,
      summary: "Declare a new version of a component's data inventory (NDPA Exhibit B).",
      params: componentIdParams,
      body: declareInventoryRequest,
      status: 201,
      response: declareInventoryResponse,
      problems: { 404: "No such component." },
    }),
    async (request, reply) => {
      const { id } = parseInput(componentIdParams, request.params);
      const input = parseInput(declareInventoryRequest, request.body);
      return reply.status(201).send(await declareInventory(ctx, actorOf(request), id, input, requestMeta(request)));
    },
  );

  // POST /v1/trust/documents — a new version of the privacy policy, subprocessors, commitments or security contact.
  app.post(
    "/v1/trust/documents",
    routeOptions(policies["POST /v1/trust/documents"], {
      ...doc,
      summary: "Publish a new version of a trust document; a material change is announced to every district ahead of its effective date.",
      body: publishDocumentRequest,
      status: 201,
      response: publishDocumentResponse,
    }),
    async (request, reply) => {
      const input = parseInput(publishDocumentRequest, request.body);
      return reply.status(201).send(await publishDocument(ctx, actorOf(request), input, requestMeta(request)));
    },
  );

  // GET /v1/trust/notices — notices of material change with the acknowledgements the caller may see.
  app.get(
    "/v1/trust/notices",
    routeOptions(policies["GET /v1/trust/notices"], { ...doc, summary: "Notices of material change, with the district's acknowledgement (platform admins: every district's).", response: listNoticesResponse }),
    async (request) => listNotices(ctx, actorOf(request)),
  );

  // POST /v1/trust/notices/:id/acknowledge — the caller's district acknowledges a notice.
  app.post(
    "/v1/trust/notices/:id/acknowledge",
    routeOptions(policies["POST /v1/trust/notices/:id/acknowledge"], {
      ...doc,
      summary: "Acknowledge a notice of material change for the caller's district.",
      params: noticeIdParams,
      response: acknowledgeNoticeResponse,
      problems: { 404: "No such notice.", 409: "Not a district, or already acknowledged." },
    }),
    async (request) => acknowledgeNotice(ctx, actorOf(request), parseInput(noticeIdParams, request.params).id, requestMeta(request)),
  );
}
