// Clients check whom they talk to: the web tier's client accepts only a server certificate naming `access`,
// the access service's audit client only `audit`; both honour the CRL, reload it within a second, and drop
// kept-alive connections to a server whose certificate is revoked — ten revocations in a row against the
// real services. Rogue servers (another identity, revoked, clientAuth-only, no usage, RSA) are refused.
import fs from "node:fs/promises";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeCertificate } from "../../cli/pki/revocation";
import { accessRequest } from "../../lib/server/access-client";
import { createMtlsClient as createWebClient } from "../../lib/server/mtls-client";
import { createMtlsClient, createWatchedMtlsClient } from "../../services/common/http/mtls-client";
import type { TlsFiles } from "../../services/common/tls/server-tls";
import { issueCustomCertificate } from "../support/custom-certificates";
import type { AccessHarness } from "../support/start-access-service";
import type { RunningAudit } from "../support/start-audit-service";
import { startBothServices, type BothServices } from "../support/start-both-services";
import { createTestPki, type TestPki } from "../support/test-pki";

const deadline = { timeout: 10_000, interval: 50 };

describe("rogue servers", () => {
  let pki: TestPki;
  const servers: https.Server[] = [];
  beforeAll(async () => {
    pki = await createTestPki();
    await pki.issueOne("web", "client");
    await pki.issueOne("access", "client");
  });
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    await pki?.remove();
  });

  /** A rogue's server: plain node:https with the given certificate, answering 200 to anything. */
  async function serve(files: TlsFiles): Promise<string> {
    const server = https.createServer({ cert: await fs.readFile(files.certFile), key: await fs.readFile(files.keyFile), minVersion: "TLSv1.3" }, (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok","service":"rogue"}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const viaWebClient = async (url: string) => {
    const client = createWebClient({ url, ...(await pki.client("web")) });
    try {
      await client.request("GET", "/healthz");
      return "accepted";
    } catch {
      return "refused";
    } finally {
      await client.close();
    }
  };
  const viaAuditClient = async (url: string) => {
    const client = createMtlsClient(url, await pki.client("access"), { serverIdentity: "audit" });
    try {
      return (await client.json("GET", "/healthz")).status === 200 ? "accepted" : "refused";
    } catch {
      return "refused";
    } finally {
      await client.close();
    }
  };

  describe.each([
    { client: "the web tier's client", identity: "access", call: viaWebClient },
    { client: "the access service's audit client", identity: "audit", call: viaAuditClient },
  ])("$client", ({ identity, call }) => {
    it(`accepts a valid server certificate naming "${identity}"`, async () => {
      await pki.issueOne(identity, "server");
      expect(await call(await serve(pki.tlsFiles(identity, "server")))).toBe("accepted");
    });

    it("refuses a server certificate of another identity", async () => {
      await pki.issueOne("imposter", "server");
      expect(await call(await serve(pki.tlsFiles("imposter", "server")))).toBe("refused");
    });

    it(`refuses a revoked certificate naming "${identity}"`, async () => {
      const issued = await pki.issueOne(identity, "server");
      const url = await serve(pki.tlsFiles(identity, "server"));
      await revokeCertificate(pki.ca, pki.files, issued.serial);
      expect(await call(url)).toBe("refused");
    });

    it.each([
      { what: "a clientAuth-only certificate", key: "ecdsa-p256", usages: ["clientAuth"] },
      { what: "a certificate for both usages", key: "ecdsa-p256", usages: ["serverAuth", "clientAuth"] },
      { what: "a certificate without extended key usage", key: "ecdsa-p256", usages: [] },
      { what: "an RSA-2048 server certificate", key: "rsa-2048", usages: ["serverAuth"] },
    ] as const)(`refuses $what naming "${identity}", though the CA signed it`, async ({ key, usages }) => {
      const files = await issueCustomCertificate(pki, identity, { key, usages: [...usages] });
      expect(await call(await serve(files))).toBe("refused");
    });
  });
});

describe("clients of the real services", () => {
  let access: AccessHarness;
  let audit: RunningAudit;
  let both: BothServices;
  beforeAll(async () => {
    both = await startBothServices("revocation_clients");
    ({ access, audit } = both);
  });
  afterAll(async () => both?.close());

  /**
   * Each round renews the server's certificate (the service reloads it), waits until the client is served
   * by it on a kept-alive connection, revokes it, and waits until the client refuses that server.
   */
  async function revokeServerTenTimes(identity: "access" | "audit", call: () => Promise<string>) {
    for (let round = 1; round <= 10; round++) {
      const issued = await access.pki.issueOne(identity, "server");
      await expect.poll(call, deadline).toBe("accepted");
      expect(await call()).toBe("accepted"); // and again, on the connection kept alive
      await revokeCertificate(access.pki.ca, access.pki.files, issued.serial);
      await expect.poll(call, deadline).toBe("refused");
    }
  }

  it("the web tier's client (configured from its TLS_* variables) drops a revoked access service, ten times", async () => {
    const web = access.pki.tlsFiles("web", "client");
    Object.assign(process.env, { ACCESS_URL: access.url, TLS_CA_FILE: web.caFile, TLS_CERT_FILE: web.certFile, TLS_KEY_FILE: web.keyFile, TLS_CRL_FILE: web.crlFile });
    await revokeServerTenTimes("access", () => accessRequest("GET", "/healthz").then(() => "accepted", () => "refused"));
  });

  it("the access service's audit client drops a revoked audit service, ten times", async () => {
    const client = createWatchedMtlsClient(audit.url, access.pki.tlsFiles("access", "client"), { serverIdentity: "audit" });
    try {
      await revokeServerTenTimes("audit", () => client.json("GET", "/healthz").then((r) => (r.status === 200 ? "accepted" : "refused"), () => "refused"));
    } finally {
      await client.close();
    }
  });
});
