// Serves the built web tier as `next start -H host -p port` does, through Next.js's custom-server API,
// and records each request's TCP peer address in one header of our own. Why: Next.js fills
// X-Forwarded-For from the socket only when the request has none (`??=` in next/dist/server/
// base-server.js), so with no proxy in front a browser's own X-Forwarded-For arrives verbatim and the
// real peer is lost. lib/server/access-client.ts `clientAddress` decides, from WEB_TRUSTED_PROXY_HOPS,
// which of the two to believe. It gives each request its id (the proxy's, when it is one we pass on) and
// writes one ECS line per request answered, and everything Next.js prints goes through the same logger.
//   node lib/web-server/serve-web.mjs -H 127.0.0.1 -p 3000
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import { peerAddressHeader } from "./peer-address.mjs";
import { processLogger } from "../../observability/logger.mjs";
import { requestIdFrom } from "../../observability/request-context.mjs";
import { requestIdHeader } from "../../observability/request-id.mjs";
import { requestLineFields } from "../../observability/request-line.mjs";
import { startTelemetry } from "../../observability/telemetry.mjs";
import { serveInSpan } from "../../observability/tracing.mjs";
import { routeConsoleToLogger } from "./console-to-logger.mjs";

const { values } = parseArgs({ options: { hostname: { type: "string", short: "H", default: "0.0.0.0" }, port: { type: "string", short: "p", default: "3000" } } });
const hostname = values.hostname;
const port = Number(values.port);
const dir = path.resolve(import.meta.dirname, "../..");

// Before Next.js prepares: its own spans, and the access client's `traceparent`, use what is registered here;
// its unexpected errors are reported (SENTRY_DSN) through the same SDK.
const telemetry = await startTelemetry({ service: "web" });
const log = processLogger("web");
routeConsoleToLogger(log);

const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  // Overwrite, never append: the browser may send this header too, and must not be believed.
  req.headers[peerAddressHeader] = req.socket.remoteAddress ?? "";
  // One id per request, sent on to the access service by lib/server/access-client.ts.
  const requestId = requestIdFrom(req.headers[requestIdHeader]);
  req.headers[requestIdHeader] = requestId;
  res.setHeader(requestIdHeader, requestId);
  const startedAt = process.hrtime.bigint();
  serveInSpan(req, res, requestId, () => {
    // Added inside the span's context: the line names the request's trace.
    res.once("finish", () => log.info(requestLineFields({ requestId, method: req.method ?? "GET", url: req.url ?? "/", status: res.statusCode, durationNs: Number(process.hrtime.bigint() - startedAt), clientIp: req.socket.remoteAddress }), "request completed"));
    void handle(req, res);
  });
});
server.listen(port, hostname, () => log.info({ "url.full": `http://${hostname}:${port}` }, "web tier listening"));

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => void app.close().then(telemetry.shutdown).finally(() => process.exit(0)));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
