// Child process for the transport benchmark: serves the tiny JSON route GET /healthz either
//  - "mtls":  built with the project's own createService (TLS 1.3, client certificates required), or
//  - "plain": a plain-HTTP Fastify app set up like createService minus TLS (same options, error
//             handlers, request-id hook, metrics hook and route), so the ratio isolates the transport.
// Reports its port to the parent over IPC and exits when the parent disconnects.
// Both use log level "warn": per-request "info" lines would measure pino writing to a pipe, not TLS.
import { randomUUID } from "node:crypto";
import type { TLSSocket } from "node:tls";
import Fastify, { type FastifyInstance } from "fastify";
import { requestIdHeader } from "../../contracts/identities";
import { createService } from "../../services/common/http/create-service";
import { errorHandler, notFoundHandler } from "../../services/common/http/error-handler";
import { installMetrics } from "../../services/common/http/metrics";
import type { TlsFiles } from "../../services/common/tls/server-tls";

export type ServerKind = "mtls" | "plain";
export type ServerReady = { port: number };
/** Connection counters, sent in answer to the message "stats": shows whether connections were kept alive. */
export type ServerStats = { tcpConnections: number; tlsHandshakes: number; tlsResumed: number; cpuMicros: number };

const name = "bench";
// The revocation bench refuses certificates on purpose: it asks for errors only (BENCH_LOG_LEVEL=error).
const logLevel = process.env.BENCH_LOG_LEVEL ?? "warn";

function plainService(): FastifyInstance {
  const app = Fastify({
    logger: { level: logLevel, base: { service: name } },
    genReqId: (req) => {
      const incoming = req.headers[requestIdHeader];
      return typeof incoming === "string" && /^[A-Za-z0-9._:-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1_048_576,
    keepAliveTimeout: 72_000,
    forceCloseConnections: "idle",
    return503OnClosing: true,
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook("onRequest", async (request, reply) => {
    reply.header(requestIdHeader, request.id);
  });
  installMetrics(app, name);
  app.get("/healthz", async () => ({ status: "ok", service: name }));
  return app;
}

async function main() {
  const kind = process.argv[2] as ServerKind;
  let app: FastifyInstance;
  if (kind === "mtls") {
    const tls = JSON.parse(process.env.BENCH_TLS_FILES ?? "null") as TlsFiles | null;
    if (!tls) throw new Error("BENCH_TLS_FILES is not set");
    app = createService({ name, tls, logLevel });
  } else if (kind === "plain") {
    app = plainService();
  } else {
    throw new Error(`unknown server kind ${String(kind)}`);
  }
  const stats: ServerStats = { tcpConnections: 0, tlsHandshakes: 0, tlsResumed: 0, cpuMicros: 0 };
  app.server.on("connection", () => void (stats.tcpConnections += 1));
  app.server.on("secureConnection", (socket: TLSSocket) => {
    stats.tlsHandshakes += 1;
    if (socket.isSessionReused()) stats.tlsResumed += 1;
  });
  process.on("message", (message) => {
    if (message === "stats") {
      const cpu = process.cpuUsage();
      process.send?.({ stats: { ...stats, cpuMicros: cpu.user + cpu.system } });
    }
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const ready: ServerReady = { port: (app.server.address() as { port: number }).port };
  process.send?.(ready);
  process.on("disconnect", () => {
    void app.close().finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
