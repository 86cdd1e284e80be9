// Disposition of a district's data (NDPA Exhibit D): requests, components' acknowledgements, crypto-shredding, certificates of destruction (issue 9 §4).
// Who may call each route: contracts/access-policies.ts (checked before input is read); which requests a
// person sees and which parts an identity may acknowledge: the rules in domain/dispositions/.
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import {
  acknowledgeDispositionRequest,
  acknowledgeDispositionResponse,
  dispositionCertificateResponse,
  dispositionOptionsQuery,
  dispositionOptionsResponse,
  dispositionIdParams,
  dispositionResponse,
  fileDispositionRequest,
  listDispositionsQuery,
  listDispositionsResponse,
  pendingDispositionsResponse,
} from "../../../contracts/disposition-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions, verifiedCaller } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { acknowledgeDisposition, listPendingDispositions } from "../domain/dispositions/acknowledge-disposition";
import { getDispositionCertificate, getDispositionCertificatePdf } from "../domain/dispositions/disposition-certificate";
import { fileDisposition } from "../domain/dispositions/file-disposition";
import { dispositionOptions } from "../domain/dispositions/disposition-options";
import { getDisposition, listDispositions } from "../domain/dispositions/list-dispositions";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";
import { pdfResponseDoc, replyWithPdf } from "./pdf-reply";

const doc = { tags: ["dispositions"] } as const;
const noRequest = { 404: "No such disposition request (or another district's)." };
const noCertificate = { ...noRequest, 409: "Not complete yet: the certificate is issued when every part is done." };

export function dispositionRoutes(app: FastifyInstance, ctx: AccessContext): void {
  // GET /v1/dispositions — the requests a person may see (their district's; platform admins: every district's).
  app.get(
    "/v1/dispositions",
    routeOptions(policies["GET /v1/dispositions"], { ...doc, summary: "List disposition requests, newest first.", query: listDispositionsQuery, response: listDispositionsResponse }),
    async (request) => listDispositions(ctx, actorOf(request), parseInput(listDispositionsQuery, request.query)),
  );

  // POST /v1/dispositions — a district files a request: all its data, some components', or some students'.
  app.post(
    "/v1/dispositions",
    routeOptions(policies["POST /v1/dispositions"], {
      ...doc,
      summary: "File a disposition request (NDPA Exhibit D): one part per licensed component concerned; complete at once when none is.",
      body: fileDispositionRequest,
      status: 201,
      response: dispositionResponse,
    }),
    async (request, reply) => reply.status(201).send(await fileDisposition(ctx, actorOf(request), parseInput(fileDispositionRequest, request.body), requestMeta(request))),
  );

  // GET /v1/dispositions/:id — one request with its parts and Tessera's evidence.
  app.get(
    "/v1/dispositions/:id",
    routeOptions(policies["GET /v1/dispositions/:id"], { ...doc, summary: "One disposition request.", params: dispositionIdParams, response: dispositionResponse, problems: noRequest }),
    async (request) => getDisposition(ctx, actorOf(request), parseInput(dispositionIdParams, request.params).id),
  );

  // GET /v1/dispositions/:id/certificate — the certificate of destruction as a compact JWS (audited).
  app.get(
    "/v1/dispositions/:id/certificate",
    routeOptions(policies["GET /v1/dispositions/:id/certificate"], {
      ...doc,
      summary: "The certificate of destruction: a compact JWS verifiable against GET /.well-known/jwks.json.",
      params: dispositionIdParams,
      response: dispositionCertificateResponse,
      problems: noCertificate,
    }),
    async (request) => getDispositionCertificate(ctx, actorOf(request), parseInput(dispositionIdParams, request.params).id, requestMeta(request)),
  );

  // GET /v1/dispositions/:id/certificate/pdf — the same certificate as a PDF to file (audited).
  app.get(
    "/v1/dispositions/:id/certificate/pdf",
    routeOptions(policies["GET /v1/dispositions/:id/certificate/pdf"], {
      ...doc,
      summary: "The certificate of destruction as a PDF (its bytes, application/pdf).",
      params: dispositionIdParams,
      ...pdfResponseDoc,
      problems: noCertificate,
    }),
    async (request, reply) => {
      const { id } = parseInput(dispositionIdParams, request.params);
      const pdf = await getDispositionCertificatePdf(ctx, actorOf(request), id, requestMeta(request));
      return replyWithPdf(reply, pdf, `certificate-of-destruction-${id}.pdf`);
    },
  );

  // GET /v1/disposition-options — what the filing form offers: districts one may file for, a district's licensed components.
  app.get(
    "/v1/disposition-options",
    routeOptions(policies["GET /v1/disposition-options"], { ...doc, summary: "Districts the person may file for, and the chosen district's licensed components.", query: dispositionOptionsQuery, response: dispositionOptionsResponse }),
    async (request) => dispositionOptions(ctx, actorOf(request), parseInput(dispositionOptionsQuery, request.query)),
  );

  // GET /v1/component-dispositions — (components) the parts still to delete for the components the caller serves.
  app.get(
    "/v1/component-dispositions",
    routeOptions(policies["GET /v1/component-dispositions"], { ...doc, summary: "Parts of disposition requests the calling identity's components have still to delete.", response: pendingDispositionsResponse }),
    async (request) => listPendingDispositions(ctx, verifiedCaller(request)),
  );

  // POST /v1/dispositions/:id/acknowledgements — (components) the component has deleted its part.
  app.post(
    "/v1/dispositions/:id/acknowledgements",
    routeOptions(policies["POST /v1/dispositions/:id/acknowledgements"], {
      ...doc,
      summary:
        "Acknowledge that a component the caller serves has deleted its part. A request or component the caller does not serve answers 404 as an unknown request; " +
        "the last acknowledgement completes the request (Tessera's part, the certificate).",
      params: dispositionIdParams,
      body: acknowledgeDispositionRequest,
      response: acknowledgeDispositionResponse,
      problems: { ...noRequest, 409: "This component acknowledged already." },
    }),
    async (request) =>
      acknowledgeDisposition(ctx, verifiedCaller(request), parseInput(dispositionIdParams, request.params).id, parseInput(acknowledgeDispositionRequest, request.body), requestMeta(request)),
  );
}
