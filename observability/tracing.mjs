// OpenTelemetry in every process, set up once at start: W3C trace context (`traceparent`) read from each
// request and sent on with each call to the next service, the request's span active in an
// AsyncLocalStorage context while it is served, and spans exported over OTLP/HTTP when the standard
// OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set — Elastic APM, Jaeger, Tempo
// and the OpenTelemetry Collector all take it. Without an endpoint nothing is recorded or sent: spans are
// non-recording, yet they still carry trace ids, so logs and the next hop share them. Types: tracing.d.mts.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AlwaysOffSampler, BatchSpanProcessor, NodeTracerProvider, ParentBasedSampler, AlwaysOnSampler } from "@opentelemetry/sdk-trace-node";
import { redactSecrets } from "./redact-secrets.mjs";
import { withRequestId } from "./request-context.mjs";

/** Whether this environment asks for spans to be exported (the exporter reads the rest of OTEL_* itself). */
export function tracingEndpoint(env = process.env) {
  return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
}

/** Where and with which headers spans go: the standard variables, read from `env` (not only process.env). */
function exporterOptions(env) {
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, "")}/v1/traces`;
  const headers = Object.fromEntries(
    (env.OTEL_EXPORTER_OTLP_HEADERS ?? "")
      .split(",")
      .filter((pair) => pair.includes("="))
      .map((pair) => [decodeURIComponent(pair.slice(0, pair.indexOf("=")).trim()), decodeURIComponent(pair.slice(pair.indexOf("=") + 1).trim())]),
  );
  return { url, headers };
}

/**
 * Registers the context manager, the W3C propagator and a tracer provider for `service` (OTEL_SERVICE_NAME
 * overrides it). Returns `shutdown`, which sends the spans still buffered.
 */
export function startTracing({ service, env = process.env }) {
  const exporting = Boolean(tracingEndpoint(env));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": env.OTEL_SERVICE_NAME || service, "service.namespace": "tessera" }),
    // Off: decided once per span and cheaply (no attributes kept, nothing queued).
    sampler: exporting ? new ParentBasedSampler({ root: new AlwaysOnSampler() }) : new AlwaysOffSampler(),
    spanProcessors: exporting ? [new BatchSpanProcessor(new OTLPTraceExporter(exporterOptions(env)))] : [],
  });
  provider.register({ contextManager: new AsyncLocalStorageContextManager(), propagator: new W3CTraceContextPropagator() });
  return { exporting, shutdown: () => provider.shutdown() };
}

const tracer = () => trace.getTracer("tessera");

const contextOfRequest = Symbol("tessera.observability.context");

/**
 * Serves one request inside its span: the parent is the caller's `traceparent`, when it sends one; the
 * request id travels in the same context (request-context.mjs). The span ends when the response does.
 * The path is recorded without secrets (a setup or invitation link in it is cut to its prefix).
 * `bindStreams`: also run the request's and response's later listeners (the body's `data` and `end`) in
 * that context; a server that re-enters it itself after reading the body (reenterRequestContext) saves
 * that cost on its hot path.
 */
export function serveInSpan(req, res, requestId, serve, { bindStreams = true } = {}) {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const span = tracer().startSpan(
    req.method ?? "GET",
    { kind: SpanKind.SERVER, attributes: { "http.request.method": req.method, "url.path": redactSecrets(query === -1 ? url : url.slice(0, query)), "tessera.request_id": requestId } },
    parent,
  );
  const ctx = withRequestId(trace.setSpan(parent, span), requestId);
  req[contextOfRequest] = ctx;
  res.once("close", () => {
    span.setAttribute("http.response.status_code", res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(ctx, () => {
    if (bindStreams) {
      context.bind(ctx, req);
      context.bind(ctx, res);
    }
    serve();
  });
}

/** Runs `next` in the context `req` is served in (after its body was read, outside it). */
export function reenterRequestContext(req, next) {
  const ctx = req[contextOfRequest];
  return ctx ? context.with(ctx, next) : next();
}

/** The ids of the span `req` is served in. */
export function requestSpanIds(req) {
  const ctx = req[contextOfRequest];
  const span = ctx && trace.getSpan(ctx);
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/** Names the active server span after the route that serves it (`GET /v1/licenses/:id`), never the path. */
export function nameActiveSpan(method, route) {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.updateName(`${method} ${route}`);
  span.setAttribute("http.route", route);
}
