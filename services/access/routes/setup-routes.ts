// First-administrator setup: link status and the one-time creation form (web tier only).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { createFirstAdminRequest, createFirstAdminResponse, setupLinkResponse, setupStatusResponse } from "../../../contracts/access-api";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { parseInput } from "../../common/http/parse";
import type { AccessContext } from "../domain/context";
import { createFirstAdmin, getSetupLink } from "../domain/setup/create-first-admin";
import { requestMeta } from "./request-meta";

const tokenParams = z.object({ token: z.string().min(1).max(200) });

export function setupRoutes(app: FastifyInstance, ctx: AccessContext) {
  // GET /v1/setup/status — whether the first administrator still has to be created.
  app.get("/v1/setup/status", {
    config: { policy: policies["GET /v1/setup/status"], openapi: { summary: "Whether the first administrator still has to be created.", tags: ["setup"], response: setupStatusResponse } },
  }, async () => {
    return { needsSetup: (await ctx.prisma.user.count({ where: { role: "platform_admin" } })) === 0 };
  });

  // GET /v1/setup/links/:token — 200 when the link can be used, else 404/410 with the reason.
  app.get("/v1/setup/links/:token", {
    config: {
      policy: policies["GET /v1/setup/links/:token"],
      openapi: {
        summary: "Whether a setup link can still be used.", tags: ["setup"], params: tokenParams, response: setupLinkResponse,
        problems: { 404: "Unknown link (reason setup-link-invalid).", 410: "Used, replaced or expired link (reason says which)." },
      },
    },
  }, async (request) => {
    return getSetupLink(ctx, parseInput(tokenParams, request.params).token);
  });

  // POST /v1/setup — consumes the link and creates the first platform administrator.
  app.post("/v1/setup", {
    config: {
      policy: policies["POST /v1/setup"],
      openapi: {
        summary: "Consumes the setup link and creates the first platform administrator.", tags: ["setup"],
        body: createFirstAdminRequest, status: 201, response: createFirstAdminResponse,
        problems: { 404: "Unknown link.", 409: "Already set up, or the link is in use.", 410: "Used, replaced or expired link." },
      },
    },
  }, async (request, reply) => {
    const input = parseInput(createFirstAdminRequest, request.body);
    return reply.status(201).send(await createFirstAdmin(ctx, input, requestMeta(request)));
  });
}
