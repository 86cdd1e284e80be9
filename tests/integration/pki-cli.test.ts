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
});
