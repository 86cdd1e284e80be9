// The launcher's readiness probes take only the service they expect for it: a server presenting another
// identity's certificate (a process that took the port, a stolen certificate) or a revoked one is refused,
// and the refusal says why.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { homeLayout, type HomeLayout } from "../../cli/home";
import { ensurePki } from "../../cli/launcher/ensure-pki";
import { accessNeedsSetup, serviceIsReady } from "../../cli/launcher/probe-services";
import { loadCa } from "../../cli/pki/certificate-authority";
import { revokeCertificate } from "../../cli/pki/revocation";
import { createService } from "../../services/common/http/create-service";

let home: string;
let layout: HomeLayout;
let audit: FastifyInstance;
let url: string;
beforeAll(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), "tprobe-"));
  layout = homeLayout(home);
  await ensurePki(layout.pki);
  const pki = layout.pki;
  audit = createService({ name: "audit", tls: { caFile: pki.caCert, certFile: pki.cert("audit", "server"), keyFile: pki.key("audit", "server"), crlFile: pki.crl }, logLevel: "silent" });
  await audit.listen({ host: "127.0.0.1", port: 0 });
  url = `https://127.0.0.1:${(audit.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await audit?.close();
  await fs.rm(home, { recursive: true, force: true });
});

describe("the launcher's readiness probes", () => {
  it("take the audit service for audit", async () => {
    expect(await serviceIsReady(url, "audit", layout)).toBe(true);
  });

  it("refuse a server whose certificate names another identity than the service expected", async () => {
    await expect(serviceIsReady(url, "access", layout)).rejects.toThrow(/refused the server's certificate: it names "audit", not "access"/);
    await expect(accessNeedsSetup(url, layout)).rejects.toThrow(/not "access"/);
  });

  it("refuse the expected identity once its certificate is revoked", async () => {
    await revokeCertificate(await loadCa(layout.pki), layout.pki, "audit");
    await expect(serviceIsReady(url, "audit", layout)).rejects.toThrow(/revoked/);
  });
});
