// Prometheus metrics of one service: default process metrics plus request durations by route, on the
// service's registry (its product metrics are registered there too: services/access/metrics/).
import type { FastifyInstance } from "fastify";
import { Histogram, Registry, collectDefaultMetrics } from "prom-client";

export function installMetrics(app: FastifyInstance, service: string, registry: Registry = new Registry()): Registry {
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  // Gauges that prom-client names like counters (`promtool check metrics` refuses them): the per-type
  // gauges without the suffix remain, and their sum is the same number.
  for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) registry.removeSingleMetric(name);
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Request duration by method, route and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? "unmatched", status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  return registry;
}
