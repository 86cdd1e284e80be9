import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { ecdsa, generateKeyPair, randomSerial, x509 } from "../../../cli/pki/crypto-keys";
import { installCertificateMetric } from "./certificate-metric";

const day = 86_400_000;
const now = Date.parse("2026-12-03T12:00:00Z");

async function certificateEnding(notAfter: number): Promise<Buffer> {
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: randomSerial(), name: "CN=access", notBefore: new Date(now - day), notAfter: new Date(notAfter), keys, signingAlgorithm: ecdsa });
  return Buffer.from(cert.toString("pem") + "\n");
}

async function secondsLeft(registry: Registry): Promise<number> {
  const metric = await registry.getSingleMetric("tessera_certificate_expires_in_seconds")!.get();
  return metric.values[0].value;
}

describe("tessera_certificate_expires_in_seconds", () => {
  it("follows the certificate served now: renewed, then expired", async () => {
    const registry = new Registry();
    let served = await certificateEnding(now + 10 * day);
    let clock = now;
    installCertificateMetric(registry, () => served, () => clock);
    expect(await secondsLeft(registry)).toBe(10 * 86_400);
    served = await certificateEnding(now + 90 * day); // renewed without a restart
    expect(await secondsLeft(registry)).toBe(90 * 86_400);
    clock = now + 91 * day;
    expect(await secondsLeft(registry)).toBe(-86_400);
  });
});
