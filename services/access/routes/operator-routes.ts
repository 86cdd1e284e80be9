// Endpoints for the operator's own tools (identity `operator` only, contracts/access-policies.ts).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { appendEventsRequest } from "../../../contracts/audit-api";
import { AppError } from "../../common/http/app-error";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import { isUniqueViolation } from "../db/unique-violation";
import type { AccessContext } from "../domain/context";
import { AuditEventRefused, recordEvent } from "../outbox/record-event";

const operatorEventsResponse = z.object({ queued: z.number().int(), duplicates: z.number().int() });

export function operatorRoutes(app: FastifyInstance, ctx: AccessContext) {
  // POST /v1/operator/events — audit events of operator actions (PKI, keys), queued in the outbox by their
  // own ids through recordEvent (the one way into the outbox: validation and the secret guard), never
  // straight to the audit service.
  app.post(
    "/v1/operator/events",
    routeOptions(policies["POST /v1/operator/events"], {
      summary: "Queues audit events of operator actions (PKI, keys) in the outbox, idempotent by event id.",
      tags: ["operator"],
      body: appendEventsRequest,
      response: operatorEventsResponse,
      problems: { 409: "The same events are being queued by another request; send them again." },
    }),
    async (request) => {
      const { events } = parseInput(appendEventsRequest, request.body);
      // An operator's tools act on the deployment, never for a tenant: no event of theirs lands in a tenant's timeline.
      if (events.some((e) => e.actor.type !== "operator" || e.tenantId !== null)) {
        throw new AppError("validation-failed", "Operator events must name an operator actor and no tenant.");
      }
      const ids = [...new Set(events.map((e) => e.id.toLowerCase()))];
      try {
        return await ctx.prisma.$transaction(async (tx) => {
          // Events still waiting in the outbox are not queued twice; delivered ones the audit service skips by id.
          const known = new Set((await tx.outboxEvent.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((row) => row.id));
          let queued = 0;
          for (const id of ids) {
            if (known.has(id)) continue;
            const event = events.find((e) => e.id.toLowerCase() === id)!;
            await recordEvent(tx, { ...event, id });
            queued += 1;
          }
          return { queued, duplicates: events.length - queued };
        });
      } catch (error) {
        // The same guard as every event's: a secret-looking field refuses the whole batch, nothing queued.
        if (error instanceof AuditEventRefused) throw new AppError("validation-failed", "An event is malformed or carries what looks like a secret; audit ids, never secrets.");
        if (isUniqueViolation(error)) throw new AppError("conflict", "These events are being queued by another request; send them again.");
        throw error;
      }
    },
  );
}
