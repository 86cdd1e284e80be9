// Storage key rotation from the Security page (issue 11 §3): start a rewrap job, follow it and see past ones.
// Who may call each route is its policy (contracts/access-policies.ts): platform administrators (storage_keys.rotate).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { rewrapJobDto, rotationsResponse, startRotationBody } from "../../../contracts/storage-rotation-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { listStorageRotations, startStorageRotation } from "../domain/storage-rotation/storage-rotations";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";

const doc = { tags: ["security"] } as const;

export function storageRotationRoutes(app: FastifyInstance, ctx: AccessContext, worker: { wake(): void }): void {
  // GET /v1/security/storage-rotations — the keyring's versions and minimum, and the latest rotations with their progress.
  app.get(
    "/v1/security/storage-rotations",
    routeOptions(policies["GET /v1/security/storage-rotations"], {
      ...doc,
      summary: "The storage keyring's current and minimum decryption versions, and the latest rotations (rewrap jobs) with progress, rate and ETA.",
      response: rotationsResponse,
    }),
    async () => listStorageRotations(ctx),
  );

  // POST /v1/security/storage-rotations — adds a keyring version and a data key per tenant, then reseals every license key in the background.
  app.post(
    "/v1/security/storage-rotations",
    routeOptions(policies["POST /v1/security/storage-rotations"], {
      ...doc,
      summary:
        "Start a storage key rotation: a new keyring version and a new data key per tenant; every license key is resealed in the background, resumably, then older versions are refused.",
      body: startRotationBody,
      status: 202,
      response: rewrapJobDto,
      problems: { 409: "A rotation is already running, or the keyring is given in ACCESS_KEYRING and cannot be rotated by the service." },
    }),
    async (request, reply) => {
      parseInput(startRotationBody, request.body ?? {});
      const job = await startStorageRotation(ctx, actorOf(request), requestMeta(request));
      worker.wake();
      return reply.status(202).send(job);
    },
  );
}
