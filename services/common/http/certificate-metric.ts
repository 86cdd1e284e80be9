// Seconds until the service's own certificate (the first of its chain) expires, read from the material
// it serves now: a renewed certificate picked up without a restart shows at the next scrape.
import { X509Certificate } from "node:crypto";
import { Gauge, type Registry } from "prom-client";

export function installCertificateMetric(registry: Registry, currentCert: () => Buffer, now: () => number = Date.now): void {
  let cached: { pem: Buffer; notAfter: number } | null = null;
  const notAfter = () => {
    const pem = currentCert();
    if (!cached || !cached.pem.equals(pem)) cached = { pem, notAfter: Date.parse(new X509Certificate(pem).validTo) };
    return cached.notAfter;
  };
  new Gauge({
    name: "tessera_certificate_expires_in_seconds",
    help: "Seconds until this service's own TLS certificate expires (negative once expired)",
    registers: [registry],
    collect() {
      this.set(Math.round((notAfter() - now()) / 1000));
    },
  });
}
