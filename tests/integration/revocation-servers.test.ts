// Shunning a node, as the services see it: after `pki revoke NAME` the real access and audit services
// refuse that certificate on the connection it already holds (kept alive), on a resumed TLS session and on
// a new connection — ten revocations in a row, each polled with a generous deadline (the target, one
// second, is measured by bench/revocation.ts) — while other certificates keep working.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { probeHealth, sessionTicket } from "../support/connection-probes";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { startAuditService, type RunningAudit } from "../support/start-audit-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let access: AccessHarness;
let auditDbInfo: TestDatabase;
let auditDb: Database;
let audit: RunningAudit;
const deadline = { timeout: 10_000, interval: 50 };

beforeAll(async () => {
  access = await startAccessService("revocation_servers");
  auditDbInfo = await createTestDatabase("revocation_servers_audit");
  auditDb = await openDatabase({ url: auditDbInfo.url, embeddedDir: auditDbInfo.embeddedDir });
  audit = await startAuditService({ pki: access.pki, connectionString: auditDb.connectionString, poolMax: auditDb.poolMax, chainKey: randomBytes(32) });
  await access.pki.issueOne("web", "client");
});
afterAll(async () => {
  await audit?.app.close();
  await auditDb?.close();
  await auditDbInfo?.drop();
  await access?.close();
});

const portOf = (url: string) => Number(new URL(url).port);
const services = () => [
  { name: "access", url: access.url },
  { name: "audit", url: audit.url },
];

describe.each(["access", "audit"])("the %s service", (serviceName) => {
  it("refuses a revoked certificate on kept-alive, resumed and new connections, ten times in a row, others untouched", async () => {
    const service = services().find((s) => s.name === serviceName)!;
    const port = portOf(service.url);
    const bystander = createMtlsClient(service.url, await access.pki.client("web"));
    try {
      for (let round = 1; round <= 10; round++) {
        const identity = `${serviceName}-victim-${round}`;
        await access.pki.issueOne(identity, "client");
        const material = await access.pki.client(identity);
        const keptAlive = createMtlsClient(service.url, material, { connections: 1 });
        try {
          expect((await keptAlive.json("GET", "/healthz")).status).toBe(200);
          const ticket = await sessionTicket(port, material);
          // The session really resumes while the certificate is good: the probe after revocation tests resumption.
          expect(await probeHealth(port, material, ticket)).toMatchObject({ answered: true, resumed: true });

          const { revoked } = await access.pki.revoke(identity);
          expect(revoked).toHaveLength(1);

          const keptAliveAnswer = () => keptAlive.json("GET", "/healthz").then((r) => r.status, () => "refused");
          await expect.poll(keptAliveAnswer, deadline).not.toBe(200);
          await expect.poll(async () => (await probeHealth(port, material, ticket)).answered, deadline).toBe(false);
          await expect.poll(async () => (await probeHealth(port, material)).answered, deadline).toBe(false);
          expect((await bystander.json("GET", "/healthz")).status).toBe(200);
        } finally {
          await keptAlive.close();
        }
      }
    } finally {
      await bystander.close();
    }
  });
});

describe("a connection kept alive across a revocation", () => {
  it("is ended by the service, not only refused on the next request", async () => {
    await access.pki.issueOne("ended-victim", "client");
    const material = await access.pki.client("ended-victim");
    const port = portOf(access.url);
    const tls = await import("node:tls");
    const socket = tls.connect({ host: "127.0.0.1", port, ...material });
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    await new Promise<void>((resolve, reject) => {
      socket.once("secureConnect", () => resolve());
      socket.once("error", reject);
    });
    socket.on("error", () => {});
    await access.pki.revoke("ended-victim");
    // No request is sent: the service's CRL watch closes the connection on its own.
    await expect(Promise.race([closed.then(() => "closed"), new Promise((r) => setTimeout(() => r("still open"), 10_000))])).resolves.toBe("closed");
  });
});
