// Endpoints for the operator's own tools (identity `operator` only; the web tier may not call them).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { appendEventsRequest } from "../../../contracts/audit-api";
import { AppError } from "../../common/http/app-error";
import { assertCaller } from "../../common/http/caller";
import { parseInput } from "../../common/http/parse";
import type { Prisma } from "../generated/prisma/client";
import type { AccessContext } from "../domain/context";

const operatorEventsResponse = z.object({ queued: z.number().int(), duplicates: z.number().int() });

export function operatorRoutes(app: FastifyInstance, ctx: AccessContext) {
  // POST /v1/operator/events — audit events of operator actions (PKI), queued in the outbox by their own ids.
  app.post("/v1/operator/events", {
    config: {
      openapi: {
        summary: "Queues audit events of operator actions (PKI) in the outbox, idempotent by event id.",
        tags: ["operator"], callers: ["operator"], body: appendEventsRequest, response: operatorEventsResponse,
      },
    },
  }, async (request) => {
    assertCaller(request, ["operator"]);
    const { events } = parseInput(appendEventsRequest, request.body);
    if (events.some((e) => e.actor.type !== "operator")) {
      throw new AppError("validation-failed", "Operator events must name an operator actor.");
    }
    const created = await ctx.prisma.outboxEvent.createMany({ data: events.map((e) => ({ id: e.id, payload: e as Prisma.InputJsonObject })), skipDuplicates: true });
    return { queued: created.count, duplicates: events.length - created.count };
  });
}
