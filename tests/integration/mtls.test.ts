// Every internal endpoint sits behind mutual TLS: only certificates of our CA, unexpired and
// unrevoked, get through, and each endpoint admits only the identities it names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { createService } from "../../services/common/http/create-service";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { routeOptions, verifiedCaller } from "../../services/common/http/policy";
import { issueCustomCertificate, type CustomKey, type CustomUsage } from "../support/custom-certificates";
import { createTestPki, type TestPki } from "../support/test-pki";

let pki: TestPki;
let otherPki: TestPki;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  pki = await createTestPki();
  otherPki = await createTestPki();
  app = createService({ name: "probe", tls: await pki.issue("probe"), logLevel: "silent" });
  app.post("/v1/write", routeOptions({ endpoint: "POST /v1/write", callers: ["access", "web"] }), async (request) => ({ caller: verifiedCaller(request) }));
  await app.listen({ host: "127.0.0.1", port: 0 });
  url = `https://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  await pki.issue("web");
  await pki.issue("operator");
});
afterAll(async () => {
  await app?.close();
  await pki?.remove();
  await otherPki?.remove();
});

async function callAs(tls: { ca: Buffer; cert?: Buffer; key?: Buffer }) {
  const client = createMtlsClient(url, tls as never);
  try {
    return await client.json<{ caller?: string; code?: string }>("POST", "/v1/write", {});
  } finally {
    await client.close();
  }
}

describe("mutual TLS", () => {
  it("admits a valid certificate of an allowed identity and says who called", async () => {
    const res = await callAs(await pki.client("web"));
    expect(res).toMatchObject({ status: 200, body: { caller: "web" } });
  });

  it("refuses a valid certificate of an identity the endpoint does not name, with problem+json 403", async () => {
    const res = await callAs(await pki.client("operator"));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("forbidden");
  });

  it("refuses a connection without a client certificate", async () => {
    await expect(callAs({ ca: (await pki.client("web")).ca })).rejects.toThrow();
  });

  it("refuses a certificate from another CA", async () => {
    await otherPki.issue("web");
    const foreign = await otherPki.client("web");
    await expect(callAs({ ...foreign, ca: (await pki.client("web")).ca })).rejects.toThrow();
  });

  it("refuses an expired certificate", async () => {
    await pki.issue("expired-web", { notBefore: new Date(Date.now() - 7200_000), notAfter: new Date(Date.now() - 3600_000) });
    await expect(callAs(await pki.client("expired-web"))).rejects.toThrow();
  });

  it("refuses a revoked certificate once the revocation list is published, without a restart", async () => {
    await pki.issue("shunned");
    const shunned = await pki.client("shunned");
    // before revocation the identity is known but not allowed: the handshake succeeds (403)
    expect((await callAs(shunned)).status).toBe(403);
    await pki.revoke("shunned");
    await expect.poll(async () => callAs(shunned).then(() => "admitted", () => "refused"), { timeout: 5000, interval: 250 }).toBe("refused");
    // others are untouched
    expect((await callAs(await pki.client("web"))).status).toBe(200);
  });

  it("resumes TLS sessions, so a reconnecting client skips the full handshake", async () => {
    const tls = await import("node:tls");
    const client = await pki.client("web");
    const port = (app.server.address() as { port: number }).port;
    const connect = (session?: Buffer) =>
      new Promise<{ reused: boolean; session: Buffer }>((resolve, reject) => {
        const socket = tls.connect({ host: "127.0.0.1", port, ...client, session });
        let ticket: Buffer | undefined;
        socket.on("session", (s: Buffer) => (ticket = s));
        socket.on("secureConnect", () => {
          socket.write("GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
        });
        socket.on("data", () => {});
        socket.on("end", () => resolve({ reused: socket.isSessionReused(), session: ticket ?? Buffer.alloc(0) }));
        socket.on("error", reject);
      });
    const first = await connect();
    expect(first.reused).toBe(false);
    expect(first.session.length).toBeGreaterThan(0);
    expect((await connect(first.session)).reused).toBe(true);
  });

  it.each([
    { what: "an RSA-1024 client certificate", key: "rsa-1024", usages: ["clientAuth"] },
    { what: "an RSA-2048 client certificate", key: "rsa-2048", usages: ["clientAuth"] },
    { what: "a serverAuth-only certificate presented by a client", key: "ecdsa-p256", usages: ["serverAuth"] },
    { what: "a certificate for both usages", key: "ecdsa-p256", usages: ["serverAuth", "clientAuth"] },
    { what: "a certificate without extended key usage", key: "ecdsa-p256", usages: [] },
  ] as { what: string; key: CustomKey; usages: CustomUsage[] }[])("refuses $what at the handshake, though the CA signed it", async ({ key, usages }) => {
    const custom = await issueCustomCertificate(pki, "web", { key, usages });
    const ca = (await pki.client("web")).ca;
    await expect(callAs({ ca, cert: Buffer.from(custom.cert), key: Buffer.from(custom.keyPem) })).rejects.toThrow();
    // the same identity with the certificate the PKI issues is admitted
    expect((await callAs(await pki.client("web"))).status).toBe(200);
  });

  it("speaks TLS 1.3 only", async () => {
    const tls = await import("node:tls");
    const client = await pki.client("web");
    const port = (app.server.address() as { port: number }).port;
    const outcome = await new Promise<string>((resolve) => {
      const socket = tls.connect({ host: "127.0.0.1", port, ...client, maxVersion: "TLSv1.2" }, () => resolve("connected"));
      socket.on("error", () => resolve("refused"));
    });
    expect(outcome).toBe("refused");
  });
});
