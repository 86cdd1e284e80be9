// `npx tessera pki …` as an operator runs it: a real process on a temporary data folder.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { x509 } from "../../cli/pki/crypto-keys";

const run = promisify(execFile);
const home = fs.mkdtempSync(path.join(os.tmpdir(), "tcli-"));
const tessera = (...args: string[]) =>
  run(process.execPath, [path.resolve(import.meta.dirname, "../../cli/tessera.js"), ...args], {
    env: { ...process.env, TESSERA_HOME: home, ACCESS_URL: "https://127.0.0.1:1" },
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe("tessera pki", () => {
  it("creates a CA once, with a private key only its owner can read", async () => {
    expect((await tessera("pki", "init")).code).toBe(0);
    expect(fs.statSync(path.join(home, "pki/ca.key")).mode & 0o077).toBe(0);
    const again = await tessera("pki", "init");
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
  });

  it("issues a short-lived ECDSA P-256 certificate naming the identity", async () => {
    const res = await tessera("pki", "issue", "reports-worker", "--hours", "2", "--host", "reports.internal");
    expect(res.code).toBe(0);
    const cert = new x509.X509Certificate(fs.readFileSync(path.join(home, "pki/issued/reports-worker.crt")));
    expect(cert.subject).toBe("CN=reports-worker");
    expect(cert.notAfter.getTime() - cert.notBefore.getTime()).toBeLessThanOrEqual(2 * 3600_000 + 60_000);
    expect((cert.publicKey.algorithm as EcKeyAlgorithm).namedCurve).toBe("P-256");
    expect(cert.getExtension(x509.SubjectAlternativeNameExtension)?.names.items.map((n) => n.value)).toContain("reports.internal");
  });

  it("refuses a malformed identity or lifetime and writes nothing", async () => {
    expect((await tessera("pki", "issue", "Bad Name")).code).toBe(1);
    expect((await tessera("pki", "issue", "x", "--hours", "-3")).code).toBe(1);
    expect(fs.existsSync(path.join(home, "pki/issued/x.crt"))).toBe(false);
  });

  it("revokes by identity and lists it as revoked in the published CRL", async () => {
    const serial = new x509.X509Certificate(fs.readFileSync(path.join(home, "pki/issued/reports-worker.crt"))).serialNumber;
    expect((await tessera("pki", "revoke", "reports-worker")).code).toBe(0);
    const crl = new x509.X509Crl(fs.readFileSync(path.join(home, "pki/ca.crl"), "utf8"));
    expect(crl.entries.map((e) => e.serialNumber.toLowerCase())).toContain(serial.toLowerCase());
    expect((await tessera("pki", "list")).out).toMatch(/reports-worker.*revoked/);
    expect((await tessera("pki", "revoke", "not-a-thing!")).code).toBe(1);
  });

  it("journals every PKI action as an audit event until the access service takes it", async () => {
    const journal = fs.readFileSync(path.join(home, "pki/pending-events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(journal.map((e) => e.action)).toEqual(["pki.ca_init", "pki.certificate_issue", "pki.certificate_revoke"]);
    expect(new Set(journal.map((e) => e.id)).size).toBe(3);
  });

  it("issues server certificates (serverAuth only) and client certificates (clientAuth only) side by side", async () => {
    expect((await tessera("pki", "issue", "svc", "--usage", "server", "--host", "svc.internal")).code).toBe(0);
    expect((await tessera("pki", "issue", "svc")).code).toBe(0);
    const eku = (file: string) => new x509.X509Certificate(fs.readFileSync(path.join(home, "pki/issued", file))).getExtension(x509.ExtendedKeyUsageExtension)?.usages;
    expect(eku("svc.server.crt")).toEqual([x509.ExtendedKeyUsage.serverAuth]);
    expect(eku("svc.crt")).toEqual([x509.ExtendedKeyUsage.clientAuth]);
    expect((await tessera("pki", "issue", "svc", "--usage", "both")).code).toBe(1);
  });

  it("revokes every unexpired certificate ever issued to a name, and lists each with its state", async () => {
    expect((await tessera("pki", "issue", "svc")).code).toBe(0); // replaces the client certificate; the old one stays valid
    const before = (await tessera("pki", "list")).out.split("\n").filter((l) => l.startsWith("svc "));
    expect(before).toHaveLength(3);
    expect(before.every((l) => / valid$/.test(l))).toBe(true);
    const serials = before.map((l) => l.split(/\s+/)[2]);

    const res = await tessera("pki", "revoke", "svc");
    expect(res.code).toBe(0);
    expect(res.out.match(/^Revoked serial/gm)).toHaveLength(3);
    const crl = new x509.X509Crl(fs.readFileSync(path.join(home, "pki/ca.crl"), "utf8"));
    const listed = crl.entries.map((e) => e.serialNumber.toLowerCase().replace(/^0+/, ""));
    for (const serial of serials) expect(listed).toContain(serial.replace(/^0+/, ""));
    const after = (await tessera("pki", "list")).out.split("\n").filter((l) => l.startsWith("svc "));
    expect(after.every((l) => / revoked \S+$/.test(l))).toBe(true);
    const journal = fs.readFileSync(path.join(home, "pki/pending-events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(journal.filter((e) => e.action === "pki.certificate_revoke" && e.data.identity === "svc").map((e) => e.target.id).sort()).toEqual([...serials].sort());
    expect((await tessera("pki", "revoke", "svc")).out).toMatch(/Nothing left to revoke for svc \(3 certificate/);
  });

  it("says on a re-issue that the replaced certificate stays valid, and revokes it with --revoke-previous", async () => {
    expect((await tessera("pki", "issue", "rot")).code).toBe(0);
    const second = await tessera("pki", "issue", "rot");
    const [first, middle] = (await tessera("pki", "list")).out.split("\n").filter((l) => l.startsWith("rot ")).map((l) => l.split(/\s+/)[2]);
    expect(second.out).toContain(`It replaces serial ${first} in these files; that certificate stays valid until `);
    expect(second.out).toContain(`tessera pki revoke ${first} (or issue with --revoke-previous)`);

    const third = await tessera("pki", "issue", "rot", "--revoke-previous");
    expect(third.code).toBe(0);
    expect(third.out).toContain(`It replaces serial ${middle}, now revoked`);
    const states = (await tessera("pki", "list")).out.split("\n").filter((l) => l.startsWith("rot ")).map((l) => l.split(/\s+/)[5]);
    expect(states).toEqual(["valid", "replaced", "valid"]);
    const crl = new x509.X509Crl(fs.readFileSync(path.join(home, "pki/ca.crl"), "utf8"));
    expect(crl.entries.map((e) => e.serialNumber.toLowerCase().replace(/^0+/, ""))).toContain(middle.replace(/^0+/, ""));
    const journal = fs.readFileSync(path.join(home, "pki/pending-events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(journal.slice(-2).map((e) => [e.action, e.target.id === middle ? "middle" : e.data.identity, e.data.reason ?? null])).toEqual([
      ["pki.certificate_issue", "rot", null],
      ["pki.certificate_revoke", "middle", "superseded"],
    ]);
    // Nothing left valid to replace: --revoke-previous on a certificate already revoked says so and does nothing.
    expect((await tessera("pki", "revoke", "rot")).code).toBe(0);
    expect((await tessera("pki", "issue", "rot", "--revoke-previous")).out).toMatch(/It replaces serial \S+ in these files \(already revoked\)\./);
  });

  it("revokes one certificate by its serial and lists an expired one as expired", async () => {
    expect((await tessera("pki", "issue", "one")).code).toBe(0);
    expect((await tessera("pki", "issue", "one")).code).toBe(0);
    const serials = (await tessera("pki", "list")).out.split("\n").filter((l) => l.startsWith("one ")).map((l) => l.split(/\s+/)[2]);
    expect((await tessera("pki", "revoke", serials[0])).code).toBe(0);
    const states = (await tessera("pki", "list")).out.split("\n").filter((l) => l.startsWith("one ")).map((l) => l.split(/\s+/)[5]);
    expect(states).toEqual(["revoked", "valid"]);

    expect((await tessera("pki", "issue", "brief", "--hours", "0.0002")).code).toBe(0); // under a second
    await expect.poll(async () => (await tessera("pki", "list")).out.split("\n").find((l) => l.startsWith("brief "))?.split(/\s+/)[5], { timeout: 30_000, interval: 500 }).toBe("expired");
  });
});
