// First-administrator setup: link status and the one-time creation form (web tier only).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { createFirstAdminRequest, createFirstAdminResponse, setupLinkResponse, setupStatusResponse } from "../../../contracts/access-api";
import { assertCaller } from "../../common/http/caller";
import { parseInput } from "../../common/http/parse";
import type { AccessContext } from "../domain/context";
import { createFirstAdmin, getSetupLink } from "../domain/setup/create-first-admin";
import { requestMeta } from "./request-meta";

const tokenParams = z.object({ token: z.string().min(1).max(200) });

export function setupRoutes(app: FastifyInstance, ctx: AccessContext) {
  // GET /v1/setup/status — whether the first administrator still has to be created.
  app.get("/v1/setup/status", {
    config: { openapi: { summary: "Whether the first administrator still has to be created.", tags: ["setup"], callers: ["web", "operator"], response: setupStatusResponse } },
  }, async (request) => {
    assertCaller(request, ["web", "operator"]);
    return { needsSetup: (await ctx.prisma.user.count({ where: { role: "platform_admin" } })) === 0 };
  });

  // GET /v1/setup/links/:token — 200 when the link can be used, else 404/410 with the reason.
  app.get("/v1/setup/links/:token", {
    config: {
      openapi: {
        summary: "Whether a setup link can still be used.", tags: ["setup"], callers: ["web"], params: tokenParams, response: setupLinkResponse,
        problems: { 404: "Unknown link (reason setup-link-invalid).", 410: "Used, replaced or expired link (reason says which)." },
      },
    },
  }, async (request) => {
    assertCaller(request, ["web"]);
    return getSetupLink(ctx, parseInput(tokenParams, request.params).token);
  });

  // POST /v1/setup — consumes the link and creates the first platform administrator.
  app.post("/v1/setup", {
    config: {
      openapi: {
        summary: "Consumes the setup link and creates the first platform administrator.", tags: ["setup"], callers: ["web"],
        body: createFirstAdminRequest, status: 201, response: createFirstAdminResponse,
        problems: { 404: "Unknown link.", 409: "Already set up, or the link is in use.", 410: "Used, replaced or expired link." },
      },
    },
  }, async (request, reply) => {
    assertCaller(request, ["web"]);
    const input = parseInput(createFirstAdminRequest, request.body);
    return reply.status(201).send(await createFirstAdmin(ctx, input, requestMeta(request)));
  });
}
