// POST /v1/events appends events (the access service only: every event passes its outbox and secret
// guard); GET /v1/events lists them (access, operator). Callers are declared in contracts/audit-policies.ts.
import type { FastifyInstance } from "fastify";
import { auditPolicies } from "../../../contracts/audit-policies";
import { appendEventsRequest, appendEventsResponse, listEventsQuery, listEventsResponse } from "../../../contracts/audit-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions, verifiedCaller } from "../../common/http/policy";
import type { AuditPrisma } from "../db/prisma";
import { appendEvents } from "../domain/events/append-events";
import { listEvents } from "../domain/events/list-events";

export function registerEventRoutes(app: FastifyInstance, deps: { prisma: AuditPrisma; chainKey: Buffer }) {
  app.post(
    "/v1/events",
    routeOptions(auditPolicies["POST /v1/events"], { summary: "Appends events to the hash-chained log, idempotent by event id.", tags: ["events"], body: appendEventsRequest, response: appendEventsResponse }),
    async (request) => {
      const { events } = parseInput(appendEventsRequest, request.body);
      const result = await appendEvents(deps.prisma, deps.chainKey, events);
      request.log.info({ caller: verifiedCaller(request), ...result }, "events appended");
      // The relay's batch has a request id of its own; each event names the request that caused it, which
      // is the id to follow from the web tier's and the access service's lines to here.
      for (const event of events) {
        app.log.info({ "http.request.id": event.requestId ?? undefined, "event.id": event.id, "event.action": event.action }, "audit event received");
      }
      return result;
    },
  );

  app.get(
    "/v1/events",
    routeOptions(auditPolicies["GET /v1/events"], { summary: "Lists events, newest first, a page at a time.", tags: ["events"], query: listEventsQuery, response: listEventsResponse }),
    async (request) => listEvents(deps.prisma, parseInput(listEventsQuery, request.query)),
  );
}
