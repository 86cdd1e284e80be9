// First-administrator setup: link status and the one-time creation form (web tier only).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { createFirstAdminRequest } from "../../../contracts/access-api";
import { assertCaller } from "../../common/http/caller";
import { parseInput } from "../../common/http/parse";
import type { AccessContext } from "../domain/context";
import { createFirstAdmin, getSetupLink } from "../domain/setup/create-first-admin";
import { requestMeta } from "./request-meta";

const tokenParams = z.object({ token: z.string().min(1).max(200) });

export function setupRoutes(app: FastifyInstance, ctx: AccessContext) {
  // GET /v1/setup/status — whether the first administrator still has to be created.
  app.get("/v1/setup/status", async (request) => {
    assertCaller(request, ["web", "operator"]);
    return { needsSetup: (await ctx.prisma.user.count({ where: { role: "platform_admin" } })) === 0 };
  });

  // GET /v1/setup/links/:token — 200 when the link can be used, else 404/410 with the reason.
  app.get("/v1/setup/links/:token", async (request) => {
    assertCaller(request, ["web"]);
    return getSetupLink(ctx, parseInput(tokenParams, request.params).token);
  });

  // POST /v1/setup — consumes the link and creates the first platform administrator.
  app.post("/v1/setup", async (request, reply) => {
    assertCaller(request, ["web"]);
    const input = parseInput(createFirstAdminRequest, request.body);
    return reply.status(201).send(await createFirstAdmin(ctx, input, requestMeta(request)));
  });
}
