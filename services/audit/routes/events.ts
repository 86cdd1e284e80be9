// POST /v1/events appends events (access, web); GET /v1/events lists them (access, web, operator).
import type { FastifyInstance } from "fastify";
import { appendEventsRequest, appendEventsResponse, listEventsQuery, listEventsResponse } from "../../../contracts/audit-api";
import { assertCaller } from "../../common/http/caller";
import { parseInput } from "../../common/http/parse";
import type { AuditPrisma } from "../db/prisma";
import { appendEvents } from "../domain/events/append-events";
import { listEvents } from "../domain/events/list-events";

export const eventWriters = ["access", "web"] as const;
// The web tier reads audit data through the access service, which scopes it by tenant.
export const eventReaders = ["access", "operator"] as const;

export function registerEventRoutes(app: FastifyInstance, deps: { prisma: AuditPrisma; chainKey: Buffer }) {
  app.post("/v1/events", {
    config: { openapi: { summary: "Appends events to the hash-chained log, idempotent by event id.", tags: ["events"], callers: eventWriters, body: appendEventsRequest, response: appendEventsResponse } },
  }, async (request) => {
    const caller = assertCaller(request, eventWriters);
    const { events } = parseInput(appendEventsRequest, request.body);
    const result = await appendEvents(deps.prisma, deps.chainKey, events);
    request.log.info({ caller, ...result }, "events appended");
    return result;
  });

  app.get("/v1/events", {
    config: { openapi: { summary: "Lists events, newest first, a page at a time.", tags: ["events"], callers: eventReaders, query: listEventsQuery, response: listEventsResponse } },
  }, async (request) => {
    assertCaller(request, eventReaders);
    const query = parseInput(listEventsQuery, request.query);
    return listEvents(deps.prisma, query);
  });
}
