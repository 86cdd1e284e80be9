// Shunning a node, as the services see it: after `pki revoke NAME` the real access and audit services
// refuse that certificate on the connection it already holds (kept alive), on a resumed TLS session and on
// a new connection — ten revocations in a row, each polled with a generous deadline (the target, one
// second, is measured by bench/revocation.ts) — while other certificates keep working; and a connection kept
// alive past its certificate's end is refused by the connection guard, counted and audited like any refusal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { probeHealth, sessionTicket } from "../support/connection-probes";
import { refusalEvents } from "../support/refusal-fixtures";
import type { AccessHarness } from "../support/start-access-service";
import type { RunningAudit } from "../support/start-audit-service";
import { startBothServices, type BothServices } from "../support/start-both-services";

let access: AccessHarness;
let audit: RunningAudit;
let both: BothServices;
const deadline = { timeout: 10_000, interval: 50 };

beforeAll(async () => {
  both = await startBothServices("revocation_servers");
  ({ access, audit } = both);
});
afterAll(async () => both?.close());

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

/** The connection guard's refusals as a service counts them (authorization_refusals_total), by route, reason and caller. */
async function guardRefusalCount(url: string, identityReason: string): Promise<number> {
  const operator = createMtlsClient(url, await access.pki.client("operator"));
  try {
    const text = String((await operator.json<string>("GET", "/metrics")).body);
    const line = text.split("\n").find((l) => l.startsWith("authorization_refusals_total{") && l.includes('route="/healthz"') && l.includes(`reason="${identityReason}"`) && l.includes('caller="component"'));
    return line ? Number(line.split(" ").at(-1)) : 0;
  } finally {
    await operator.close();
  }
}

/** The audited refusals of `identity` (access: its outbox; audit: its own chain, read as the operator). */
async function auditedRefusals(serviceName: string, identity: string) {
  if (serviceName === "access") return (await refusalEvents(access)).filter((e) => e.actor.id === identity);
  const operator = createMtlsClient(audit.url, await access.pki.client("operator"));
  try {
    const events = (await operator.json<{ events: Awaited<ReturnType<typeof refusalEvents>> }>("GET", "/v1/events?limit=200&action=authz.refuse")).body.events;
    return events.filter((e) => e.actor.id === identity);
  } finally {
    await operator.close();
  }
}

describe.each(["access", "audit"])("the connection guard of the %s service", (serviceName) => {
  it("refuses a kept-alive connection past its certificate's end, counts each refusal and audits them once a window", async () => {
    await access.pki.issueOne("operator", "client");
    const service = services().find((s) => s.name === serviceName)!;
    const identity = `${serviceName}-expiring`;
    // A real certificate that ends a few seconds from now (X.509 times are whole seconds).
    await access.pki.issueOne(identity, "client", { notAfter: new Date(Math.ceil((Date.now() + 5_000) / 1000) * 1000) });
    const material = await access.pki.client(identity);
    const countBefore = await guardRefusalCount(service.url, "certificate-expired");
    const connections = [createMtlsClient(service.url, material, { connections: 1 }), createMtlsClient(service.url, material, { connections: 1 })];
    try {
      for (const c of connections) expect((await c.json("GET", "/healthz")).status).toBe(200);
      // Kept busy, the connections stay open across the certificate's end; the first request after it is refused.
      const answers = await Promise.all(
        connections.map(async (c) => {
          let answer: { status: number; body: { reason?: string } } | "refused" = { status: 200, body: {} };
          await expect
            .poll(async () => {
              answer = await c.json<{ reason?: string }>("GET", "/healthz").catch(() => "refused" as const);
              return answer === "refused" ? "refused" : answer.status;
            }, { timeout: 30_000, interval: 50 })
            .not.toBe(200);
          return answer;
        }),
      );
      for (const answer of answers) expect(answer).toMatchObject({ status: 403, body: { reason: "certificate-expired" } });
    } finally {
      await Promise.all(connections.map((c) => c.close()));
    }
    // Each refusal counted; the same caller's same refusal audited once in the window, as every refusal is.
    expect(await guardRefusalCount(service.url, "certificate-expired")).toBe(countBefore + 2);
    const audited = await auditedRefusals(serviceName, identity);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      action: "authz.refuse",
      outcome: "failure",
      actor: { type: "service", id: identity },
      target: { type: "endpoint", id: "GET /healthz" },
      sourceIp: "127.0.0.1",
      data: { service: serviceName, caller: identity, reason: "certificate-expired", status: 403, suppressedBefore: 0 },
    });
  });
});
