// The launcher's PKI upkeep and the delivery of PKI audit events: a renewal revokes the certificate it
// replaced after its grace (a service then refuses the old one, accepts the new), an identity an operator
// revoked stays shunned (never renewed, `tessera start` refuses, re-admitted only by `pki issue`), every
// certificate the launcher issues or revokes is journalled as its audit event, and the journal reaches the
// real access service's outbox promptly — also what another process left behind when it died mid-delivery.
import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { promisify } from "node:util";
import { homeLayout, pkiFiles, type HomeLayout, type PkiFiles } from "../../cli/home";
import { renewCertificates } from "../../cli/launcher/certificate-renewal";
import { describeShunned, ensurePki, systemCertificates } from "../../cli/launcher/ensure-pki";
import { loadCa, type LoadedCa } from "../../cli/pki/certificate-authority";
import { issueCertificate, readIssued } from "../../cli/pki/issue-certificate";
import { listCertificates } from "../../cli/pki/list-certificates";
import { revokeCertificate } from "../../cli/pki/revocation";
import { startOperatorEventDelivery } from "../../cli/launcher/operator-event-delivery";
import { journalOperatorEvents } from "../../cli/operator-events/operator-events";
import { createService } from "../../services/common/http/create-service";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

const deadline = { timeout: 10_000, interval: 50 };
type Journalled = { id: string; action: string; actor: { label: string }; target: { id: string }; data: Record<string, unknown> };
const journal = async (files: PkiFiles) => (await fs.readFile(files.journal, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Journalled);

describe("renewal by the launcher", () => {
  let dir: string;
  let files: PkiFiles;
  let service: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "trenew-"));
    files = pkiFiles(dir);
  });
  afterAll(async () => {
    await service?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const call = async (material: { ca: Buffer; cert: Buffer; key: Buffer }) => {
    const client = createMtlsClient(url, material, { serverIdentity: "access" });
    try {
      return (await client.json("GET", "/healthz")).status === 200 ? "accepted" : "refused";
    } catch {
      return "refused";
    } finally {
      await client.close();
    }
  };
  const webMaterial = async () => ({ ca: await fs.readFile(files.caCert), cert: await fs.readFile(files.cert("web")), key: await fs.readFile(files.key("web")) });

  it("creates the CA and one certificate per process and use, each journalled as the launcher's audit event", async () => {
    const first = await ensurePki(files);
    expect(first.createdCa).toBe(true);
    expect(first.issued.map((c) => `${c.identity}:${c.usage}`)).toEqual(systemCertificates.map((c) => `${c.identity}:${c.usage}`));
    const events = await journal(files);
    expect(events.map((e) => e.action)).toEqual(["pki.ca_init", ...systemCertificates.map(() => "pki.certificate_issue")]);
    expect(new Set(events.map((e) => e.actor.label))).toEqual(new Set(["tessera start"]));
    const crlWritten = (await fs.stat(files.crl)).mtimeMs;
    const again = await ensurePki(files);
    expect([again.issued, again.revoked]).toEqual([[], []]);
    expect((await fs.stat(files.crl)).mtimeMs).toBe(crlWritten); // nothing changed: no new CRL for every process to reload
  });

  it("renews a certificate past half its life and revokes the one it replaced: a service refuses it, accepts the new one", async () => {
    service = createService({ name: "access", tls: { caFile: files.caCert, certFile: files.cert("access", "server"), keyFile: files.key("access", "server"), crlFile: files.crl }, logLevel: "silent" });
    await service.listen({ host: "127.0.0.1", port: 0 });
    url = `https://127.0.0.1:${(service.server.address() as { port: number }).port}`;
    // An operator's re-issue of `web`, already 20 of its 24 hours old.
    const now = Date.now();
    const aging = await issueCertificate(await loadCa(files), files, "web", { usage: "client", notBefore: new Date(now - 20 * 3_600_000), notAfter: new Date(now + 4 * 3_600_000) });
    const old = await webMaterial();
    expect(await call(old)).toBe("accepted");

    const upkeep = await ensurePki(files, [], { graceMs: 200 });
    expect(upkeep.issued.map((c) => [c.identity, c.usage, c.replaces])).toEqual([["web", "client", aging.serial]]);
    expect(upkeep.revoked.map((e) => e.reason)).toEqual(["superseded", "superseded"]); // the aging one, and the first web certificate it had replaced
    await expect.poll(() => call(old), deadline).toBe("refused");
    expect(await call(await webMaterial())).toBe("accepted");

    const states = (await listCertificates(files)).filter((c) => c.identity === "web").map((c) => c.state);
    expect(states).toEqual(["replaced", "replaced", "valid"]);
    const events = (await journal(files)).slice(-3);
    expect(events.map((e) => [e.action, e.data.reason ?? null])).toEqual([
      ["pki.certificate_renew", null],
      ["pki.certificate_revoke", "superseded"],
      ["pki.certificate_revoke", "superseded"],
    ]);
    expect(events[0].data).toMatchObject({ identity: "web", usage: "client", replaces: aging.serial });
  });
});

describe("an identity an operator revoked", () => {
  let home: string;
  let layout: HomeLayout;
  let ca: LoadedCa;
  beforeAll(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), "tshun-"));
    layout = homeLayout(home);
    await ensurePki(layout.pki);
    ca = await loadCa(layout.pki);
  });
  afterAll(() => fs.rm(home, { recursive: true, force: true }));

  const states = async (identity: string) => (await listCertificates(layout.pki)).filter((c) => c.identity === identity).map((c) => c.state);
  const start = () =>
    promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, "../../cli/tessera.js"), "start"], {
      env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, TESSERA_HOME: home, WEB_PORT: "0", ACCESS_PORT: "0", AUDIT_PORT: "0" },
      timeout: 120_000, // were it to start after all, the test ends it and fails
    }).then(
      (r) => ({ code: 0, err: r.stderr }),
      (e: { code: number | null; stderr: string }) => ({ code: e.code, err: e.stderr }),
    );

  it("is neither renewed nor re-issued: the upkeep leaves it revoked and names the command that re-admits it", async () => {
    const before = await readIssued(layout.pki, "web", "client");
    await revokeCertificate(ca, layout.pki, "web");
    const upkeep = await ensurePki(layout.pki, [], { graceMs: 0 });
    expect(upkeep.issued).toEqual([]);
    expect(upkeep.shunned.map((c) => [c.identity, c.usage, c.serial])).toEqual([["web", "client", before!.serial]]);
    expect((await readIssued(layout.pki, "web", "client"))?.serial).toBe(before!.serial);
    expect(await states("web")).toEqual(["revoked"]);
    expect(describeShunned(upkeep.shunned, [], "then start again")).toEqual([expect.stringMatching(/^web is shunned: an operator revoked .* To re-admit it, run `npx tessera pki issue web --usage client`; then start again\.$/)]);
  });

  it("makes `tessera start` refuse, naming each shunned identity and the commands that re-issue it, before starting anything", async () => {
    await revokeCertificate(ca, layout.pki, "access");
    const res = await start();
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/^tessera start: not starting\. /);
    expect(res.err).toMatch(/access is shunned: .*run `npx tessera pki issue access --usage server` and `npx tessera pki issue access --usage client`; then run `tessera start` again\./);
    expect(res.err).toMatch(/web is shunned: .*`npx tessera pki issue web --usage client`/);
    expect(existsSync(path.join(home, "logs", "audit.log"))).toBe(false);
    expect(await states("access")).toEqual(["revoked", "revoked"]);
  });

  it("is said once by the running launcher's renewal, which issues it nothing", async () => {
    const lines: string[] = [];
    const log = { info: (l: string) => lines.push(`info ${l}`), error: (l: string) => lines.push(`error ${l}`) };
    const system = { layout, accessUrl: "https://127.0.0.1:1", certificateHosts: ["tessera.internal"] };
    const reported = new Set<string>();
    await renewCertificates(system, log, reported, 0);
    await renewCertificates(system, log, reported, 0);
    expect(lines).toEqual([
      expect.stringMatching(/^error \[pki\] access is shunned: .*`npx tessera pki issue access --usage server --host tessera\.internal` and `npx tessera pki issue access --usage client`; the running processes load the new certificate within a second/),
      expect.stringMatching(/^error \[pki\] web is shunned: /),
    ]);
    expect(await states("web")).toEqual(["revoked"]);
  });

  it("is re-admitted by an operator's `tessera pki issue`, and renewed from then on", async () => {
    const readmitted = await issueCertificate(ca, layout.pki, "web", { usage: "client" });
    const upkeep = await ensurePki(layout.pki, [], { graceMs: 0 });
    expect(upkeep.shunned.map((c) => `${c.identity}:${c.usage}`)).toEqual(["access:server", "access:client"]);
    expect(upkeep.issued).toEqual([]);
    expect((await readIssued(layout.pki, "web", "client"))?.serial).toBe(readmitted.serial);
    expect(await states("web")).toEqual(["revoked", "valid"]);
  });
});

describe("delivery of the journal to the access service", () => {
  let h: AccessHarness;
  let stop = () => {};
  beforeAll(async () => {
    h = await startAccessService("pki_events_delivery");
    await h.pki.issueOne("operator", "client");
  });
  afterAll(async () => {
    stop();
    await h?.close();
  });

  /** How many outbox events concern each certificate id (the journal may be delivered before a test could read it). */
  const queuedFor = async (...targetIds: string[]) => {
    const rows = await h.prisma.outboxEvent.findMany({ select: { payload: true } });
    return rows.filter((r) => targetIds.includes((r.payload as { target?: { id?: string } }).target?.id ?? "")).length;
  };
  const event = (id: string) => ({ action: "pki.certificate_issue", target: { type: "certificate", id }, data: { identity: "probe" } });

  it("delivers what is journalled while the launcher runs, and a batch a dead process left behind", async () => {
    await journalOperatorEvents(h.pki.files, [event("aa01")], "tessera start");
    const errors: string[] = [];
    stop = startOperatorEventDelivery({ pki: h.pki.files }, h.url, (m) => errors.push(m));
    await expect.poll(() => queuedFor("aa01"), deadline).toBe(1);
    expect(errors).toEqual([]);

    // A `tessera pki` run that could not deliver itself: the launcher's watch picks it up.
    await journalOperatorEvents(h.pki.files, [event("aa02")]);
    await expect.poll(() => queuedFor("aa02"), deadline).toBe(1);

    // A process that took the journal and died before sending it.
    const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
    const abandonedId = "5a3c3d1e-7c1a-4d55-9a52-0d5b7e0c9f11";
    const abandoned = { id: abandonedId, occurredAt: new Date().toISOString(), action: "pki.certificate_revoke", outcome: "success", actor: { type: "operator", id: "x", label: "tessera cli" }, target: { type: "certificate", id: "aa03" }, tenantId: null, sourceIp: null, requestId: null, data: {} };
    await fs.writeFile(`${h.pki.files.journal}.${deadPid}.sending`, JSON.stringify(abandoned) + "\n");
    await journalOperatorEvents(h.pki.files, [event("aa04")]);
    await expect.poll(() => queuedFor("aa03", "aa04"), deadline).toBe(2);
    await expect.poll(async () => (await fs.readdir(h.pki.dir)).filter((n) => n.endsWith(".sending")), deadline).toEqual([]);
  });
});
