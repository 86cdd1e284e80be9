// Builds an internal service: Fastify over mutual TLS (revoked certificates cut off on live connections),
// ECS logs with request ids (one line per request), every route's declared policy enforced before its input is read,
// problem+json errors, /healthz, /readyz and /metrics (with the served certificate's time left), and
// graceful shutdown.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Server } from "node:https";
import type { TLSSocket } from "node:tls";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { Registry } from "prom-client";
import { z } from "zod";
import { requestIdHeader } from "../../../contracts/identities";
import { metaPolicies } from "../../../contracts/route-policy";
import { guardConnections } from "../tls/connection-guard";
import { revokedSerials } from "../tls/revoked-serials";
import { readTlsMaterial, secureContextOptions, watchTlsFiles, type TlsFiles } from "../tls/server-tls";
import { AppError } from "./app-error";
import { clientErrorHandler, errorHandler, notFoundHandler, sendProblem } from "./error-handler";
import { installCertificateMetric } from "./certificate-metric";
import { installMetrics } from "./metrics";
import { installOpenApi } from "./openapi";
import { installInputGuards } from "./parse";
import { callerIdentity } from "./caller";
import { installPolicy, routeOptions, type PolicyOptions } from "./policy";
import { createRefusalRecorder } from "./refusal-recorder";
import { createLogger } from "../../../observability/logger.mjs";
import { requestIdFrom } from "../../../observability/request-context.mjs";
import { nameActiveSpan, reenterRequestContext, requestSpanIds, serveInSpan } from "../../../observability/tracing.mjs";
import { requestLineFields } from "../../../observability/request-line.mjs";

export type ServiceOptions = {
  name: string;
  tls: TlsFiles;
  logLevel?: string;
  /** Readiness beyond "the process is up": typically a database round trip. */
  isReady?: () => Promise<boolean>;
  /** One paragraph for the OpenAPI description served at /openapi.json. */
  apiDescription?: string;
  /** How the policy hook authenticates people and audits refusals (services/common/http/policy.ts). */
  policy?: PolicyOptions;
  /** The registry /metrics serves, when the service registers its own product metrics on it; default a new one. */
  registry?: Registry;
};

const serviceStatus = z.object({ status: z.string(), service: z.string() });

export function createService(options: ServiceOptions): FastifyInstance {
  const material = readTlsMaterial(options.tls);
  const app = Fastify({
    https: { ...secureContextOptions(material), requestCert: true, rejectUnauthorized: true },
    // ECS lines, secrets redacted (observability/logger.mjs); every line of a request names its id.
    loggerInstance: createLogger({ service: options.name, level: options.logLevel ?? process.env.LOG_LEVEL ?? "info" }) as FastifyBaseLogger,
    // One ECS line per request, written when it is answered, instead of Fastify's two.
    logController: new RequestLines(),
    // Requests arrive over mTLS from peers we issued certificates to; their request id is trusted
    // so that one id follows a request across the hop.
    // serveInSpan (below) has already chosen it.
    genReqId: (req) => requestIdFrom(req.headers[requestIdHeader]),
    bodyLimit: 1_048_576,
    keepAliveTimeout: 72_000,
    forceCloseConnections: "idle",
    return503OnClosing: true,
    // Bad percent-encoding and over-long path parameters are answered before routing; they too get problem+json.
    frameworkErrors: errorHandler,
    // What Node's HTTP parser refuses (an unknown method, a malformed header) is a problem document too.
    clientErrorHandler,
  });

  traceRequests(app.server as Server);
  const registry = installMetrics(app, options.name, options.registry);
  let servedCert = material.cert; // the certificate served now (replaced when the TLS files change)
  installCertificateMetric(registry, () => servedCert);
  // The guard's refusals and the policy's go one way: counted in authorization_refusals_total and audited.
  const recordRefusal = createRefusalRecorder(registry, options.policy);
  // Before any other hook: a connection whose certificate was revoked (or has expired) since it was opened
  // is not served; the connection guard has normally ended a revoked one already when the CRL changed, so
  // what reaches here is mostly a connection kept alive past its certificate's end. The admitted path is
  // one comparison and a clock read; only a refusal costs more (counted, audited, bounded).
  const guard = guardConnections(app.server as Server, revokedSerials(material.crl), app.log);
  app.addHook("onRequest", (request, reply, done) => {
    const reason = guard.refusal(request.raw.socket as TLSSocket);
    if (reason === null) return done();
    reply.header("connection", "close");
    const refused = new AppError("forbidden", "The certificate of this connection is no longer valid.", { reason });
    const refuse = () => done(refused);
    void recordRefusal(request, { reason, status: 403, identity: callerIdentity(request), person: null }).then(refuse, refuse);
  });
  app.addHook("onRequest", async (request, reply) => {
    reply.header(requestIdHeader, request.id);
    nameActiveSpan(request.method, request.routeOptions.url ?? "unmatched");
  });

  // Before any route: every route registered after it must declare its policy, which runs on each request.
  installPolicy(app, recordRefusal, options.policy);
  // Next, so that every route registered after it appears in /openapi.json.
  installOpenApi(app, { title: `Tessera ${options.name} service`, version: "1", description: options.apiDescription });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // A body is read outside the request's context (its stream's events): what follows runs in it again.
  app.addHook("preValidation", (request, _reply, done) => reenterRequestContext(request.raw, done));
  // After the policy (onRequest): a NUL character or a malformed id is answered only to admitted callers.
  installInputGuards(app);

  const probe = { tags: ["meta"] } as const;
  app.get("/healthz", routeOptions(metaPolicies["GET /healthz"], { ...probe, summary: "Liveness: the process answers.", response: serviceStatus }), async () => ({ status: "ok", service: options.name }));
  app.get("/readyz", routeOptions(metaPolicies["GET /readyz"], { ...probe, summary: "Readiness: the process can serve (database reachable).", response: serviceStatus, problems: { 503: "Not ready." } }), async (request, reply) => {
    const ready = options.isReady ? await options.isReady().catch(() => false) : true;
    if (!ready) return sendProblem(reply, request, 503, "unavailable", `${options.name} is not ready.`);
    return { status: "ready", service: options.name };
  });
  app.get("/metrics", routeOptions(metaPolicies["GET /metrics"], { ...probe, summary: "Prometheus metrics.", response: z.string(), responseContentType: "text/plain" }), async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));

  // Certificate rotation and revocation take effect without a restart, on live connections too: new
  // handshakes use the new material, connections of newly revoked certificates end, and session tickets
  // issued before a revocation no longer resume (a resumed session skips the certificate checks).
  const stopWatching = watchTlsFiles(
    options.tls,
    (next) => {
      // The revocation list first: it holds even if the new key pair turns out unusable below.
      const serials = revokedSerials(next.crl);
      const server = app.server as Server;
      const { changed, ended } = guard.setRevoked(serials);
      if (changed) server.setTicketKeys(randomBytes(48));
      server.setSecureContext(secureContextOptions(next));
      servedCert = next.cert;
      app.log.info({ revoked: serials.size, endedConnections: ended }, "TLS material reloaded");
    },
    (err) => app.log.error({ err }, "TLS material could not be reloaded; keeping the previous one"),
    material,
  );
  app.addHook("onClose", async () => stopWatching());
  return app;
}

/** Fastify's request lines, as ECS: none when a request arrives, one when it is answered (its logger names the request id). */
class RequestLines extends LogController {
  constructor() {
    super({ requestIdLogLabel: "http.request.id" });
  }
  incomingRequest() {}
  requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    // Called when the response has gone, outside the request's context: the span's ids are given.
    const line = requestLineFields({ method: request.method, url: request.url, status: reply.statusCode, durationNs: reply.elapsedTime * 1e6, clientIp: request.ip, ...requestSpanIds(request.raw) });
    if (error) reply.log.error({ ...line, err: error }, "request failed");
    else reply.log.info(line, "request completed");
  }
}

/**
 * Every request is served inside its span (the caller's `traceparent` its parent) with its request id in
 * the context, so that what it logs names the trace and what it calls receives both. Fastify's own request
 * handler is wrapped, as OpenTelemetry's HTTP instrumentation does, without patching the http module.
 */
function traceRequests(server: Server) {
  const [handle] = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeListener("request", handle);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdFrom(req.headers[requestIdHeader]);
    req.headers[requestIdHeader] = requestId;
    serveInSpan(req, res, requestId, () => handle(req, res), { bindStreams: false });
  });
}

/** Stops on SIGINT/SIGTERM: finishes in-flight requests, then runs the given cleanup. */
export function closeOnSignals(app: FastifyInstance, cleanup: () => Promise<void> = async () => {}) {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await app.close().catch((err) => app.log.error({ err }, "close failed"));
    await cleanup().catch((err) => app.log.error({ err }, "cleanup failed"));
    clearTimeout(timer);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
