// The request being served travels with its work through the process in OpenTelemetry's context (the
// AsyncLocalStorage context manager that tracing.mjs registers in every process): its request id, so that
// the mTLS clients send it on without being handed it, and its span, whose trace context they send as
// W3C `traceparent`. Types: request-context.d.mts.
import { randomUUID } from "node:crypto";
import { context, createContextKey, propagation } from "@opentelemetry/api";
import { requestIdHeader, validRequestId } from "./request-id.mjs";

const requestIdKey = createContextKey("tessera.request.id");

/** The incoming id when it is one we pass on, else a new one. */
export function requestIdFrom(value) {
  return validRequestId(value) ?? randomUUID();
}

/** `ctx` carrying the request id of the request being served. */
export function withRequestId(ctx, requestId) {
  return ctx.setValue(requestIdKey, requestId);
}

/** The request id of the request being served here, if any. */
export function currentRequestId() {
  const value = context.active().getValue(requestIdKey);
  return typeof value === "string" ? value : undefined;
}

/**
 * Headers for a call made while serving a request: `traceparent` (and `tracestate`) of the active span,
 * and the request id unless the caller names one. Empty outside a request.
 */
export function outgoingContextHeaders(requestId = currentRequestId()) {
  const headers = {};
  propagation.inject(context.active(), headers);
  if (requestId) headers[requestIdHeader] = requestId;
  return headers;
}
