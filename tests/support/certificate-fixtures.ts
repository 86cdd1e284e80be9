// Certificate test helpers: a small catalogue and tier written straight into the database, and two
// verifiers that share no code with the signer — bare node:crypto over the JWS signing input, and jose.
import { createPublicKey, verify } from "node:crypto";
import { createLocalJWKSet, jwtVerify } from "jose";
import { jwksResponse, licenseCertificateType, type LicenseCertificateClaims } from "../../contracts/certificate-api";
import { newId } from "../../services/access/domain/secrets/ids";
import type { AccessHarness } from "./start-access-service";

type Jwks = ReturnType<typeof jwksResponse.parse>;

/**
 * Components "reports" (reports:read, reports:write) and "etl" (etl:run), and a tier granting reports:read
 * and etl:run: a reports license on it carries reports:read only.
 */
export async function createCertificateCatalogue(h: AccessHarness) {
  const reports = await h.prisma.component.create({ data: { id: newId("cmp"), key: "reports", name: "Reporting" } });
  const etl = await h.prisma.component.create({ data: { id: newId("cmp"), key: "etl", name: "ETL" } });
  const scope = (componentId: string, key: string) => h.prisma.scope.create({ data: { id: newId("scp"), key, componentId } });
  const reportsRead = await scope(reports.id, "reports:read");
  await scope(reports.id, "reports:write");
  const etlRun = await scope(etl.id, "etl:run");
  const tier = await h.prisma.serviceTier.create({
    data: {
      id: newId("tier"), key: "standard", name: "Standard", seats: 25, tokensPerLicense: 10, requestsPerMinute: 600,
      tokenDefaultTtlHours: 24, tokenMaxTtlHours: 720,
      scopes: { create: [{ scopeId: reportsRead.id }, { scopeId: etlRun.id }] },
    },
  });
  return { reports, etl, tier };
}

/** The JWKS as an internal identity fetches it. */
export async function fetchJwks(h: AccessHarness, identity = "web"): Promise<Jwks> {
  const res = await (await h.as(identity)).json<unknown>("GET", "/.well-known/jwks.json");
  if (res.status !== 200) throw new Error(`JWKS answered ${res.status}`);
  return jwksResponse.parse(res.body);
}

/** Verifies with node:crypto alone: Ed25519 over "<header>.<payload>" with the JWKS key named by kid. Returns the claims or throws. */
export function verifyWithNodeCrypto(certificate: string, jwks: Jwks): { header: Record<string, unknown>; claims: LicenseCertificateClaims } {
  const [header64, payload64, signature64, ...rest] = certificate.split(".");
  if (rest.length || !signature64) throw new Error("not a compact JWS");
  const header = JSON.parse(Buffer.from(header64, "base64url").toString("utf8")) as Record<string, unknown>;
  if (header.alg !== "EdDSA") throw new Error(`unexpected alg ${String(header.alg)}`);
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error(`no key ${String(header.kid)} in the JWKS`);
  const publicKey = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
  if (!verify(null, Buffer.from(`${header64}.${payload64}`, "ascii"), publicKey, Buffer.from(signature64, "base64url"))) {
    throw new Error("signature does not verify");
  }
  return { header, claims: JSON.parse(Buffer.from(payload64, "base64url").toString("utf8")) as LicenseCertificateClaims };
}

/** Verifies with jose's JWT verification (signature, typ, iss, nbf/exp) against a local copy of the JWKS. */
export async function verifyWithJose(certificate: string, jwks: Jwks, issuer: string) {
  return jwtVerify<LicenseCertificateClaims>(certificate, createLocalJWKSet(jwks), { algorithms: ["EdDSA"], typ: licenseCertificateType, issuer });
}
