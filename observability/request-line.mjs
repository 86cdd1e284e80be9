// The one line each process writes per request served, in ECS fields: method, path (never the query,
// which may carry what a person typed), status, duration in nanoseconds (ECS `event.duration`), the
// request id (unless the logger binds it) and the client's address. Types: request-line.d.mts.

/** ECS fields of a served request that took `durationNs` nanoseconds. */
export function requestLineFields({ requestId, method, url, status, durationNs, clientIp, traceId, spanId }) {
  const query = url.indexOf("?");
  const fields = {
    "event.kind": "event",
    "event.category": ["web"],
    "event.outcome": status >= 500 ? "failure" : "success",
    "event.duration": Math.round(durationNs),
    "http.request.method": method,
    "http.response.status_code": status,
    "url.path": query === -1 ? url : url.slice(0, query),
  };
  // Absent where the logger already binds it (Fastify's request logger).
  if (requestId) fields["http.request.id"] = requestId;
  if (clientIp) fields["client.ip"] = clientIp;
  if (traceId) {
    fields["trace.id"] = traceId;
    fields["span.id"] = spanId;
  }
  return fields;
}
